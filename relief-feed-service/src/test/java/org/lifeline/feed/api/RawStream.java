package org.lifeline.feed.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A feed-stream client on a raw socket with a tiny receive buffer, for tests: it asks for the stream and reads
 * nothing until told to, so the server's writes pile up. Once reading, it keeps the ids of the events it got.
 */
final class RawStream implements AutoCloseable {

    /** The receive buffer asked for (the kernel may double it): far less than one event of a large post. */
    static final int RECEIVE_BUFFER = 4 * 1024;

    private final Socket socket;
    private final List<Long> ids = new CopyOnWriteArrayList<>();

    private RawStream(Socket socket) {
        this.socket = socket;
    }

    static RawStream open(URI stream, String query) {
        Socket socket = new Socket();
        try {
            // Set before connecting, so the TCP window is small from the start and never grows.
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
            socket.connect(new InetSocketAddress(stream.getHost(), stream.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + stream.getPath() + "?" + query + " HTTP/1.1\r\nHost: " + stream.getHost() + ":"
                    + stream.getPort() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new RawStream(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The port the server sees this client on. */
    int port() {
        return socket.getLocalPort();
    }

    /**
     * Starts reading, on a thread of its own. Each event is one HTTP chunk, so its {@code id:} line is never
     * split by chunk framing; other lines (status, headers, chunk sizes, data, comments) are skipped.
     */
    void startReading() {
        Thread.ofPlatform().daemon().name("raw-stream-" + port()).start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 64 * 1024)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("id: ")) {
                        ids.add(Long.parseLong(line.substring(4)));
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        });
    }

    /** The ids of the events read so far, in the order they came. */
    List<Long> ids() {
        return List.copyOf(ids);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
