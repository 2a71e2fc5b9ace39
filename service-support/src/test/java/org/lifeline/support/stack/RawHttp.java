package org.lifeline.support.stack;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one HTTP/1.1 request exactly as written, bytes the usual clients refuse to send (a path
 * with {@code %ZZ} or {@code {id}}, a control character in a header), to the app on loopback.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 60_000;

    /** The answer: status, headers (names in lower case) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the blank line that ends them) and no body. */
    static Answer send(int port, String head) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code head} and then {@code body} in chunks of 64 KB, without a Content-Length; stops sending when the
     * server has answered and closed the connection early.
     */
    static Answer sendChunked(int port, String head, String body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                        .getBytes(ISO_8859_1));
                byte[] bytes = body.getBytes(UTF_8);
                for (int at = 0; at < bytes.length; at += 65_536) {
                    int size = Math.min(65_536, bytes.length - at);
                    out.write((Integer.toHexString(size) + "\r\n").getBytes(ISO_8859_1));
                    out.write(bytes, at, size);
                    out.write("\r\n".getBytes(ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // The server answered before the whole body was sent and closed its side: read what it said.
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        // Still one char a byte here, so that chunk sizes count right; UTF-8 at the end.
        String body = end < 0 ? "" : text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunked(body);
        }
        return new Answer(status, headers, new String(body.getBytes(ISO_8859_1), UTF_8));
    }

    private static String unchunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
