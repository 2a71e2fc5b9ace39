package org.lifeline.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of the gateway that a test can cut, as a train going into a tunnel cuts a phone off:
 * {@link #dropAll()} closes every connection through it at once, {@link #refuse(boolean)} makes it close each new
 * connection as soon as it is accepted (the browser sees an empty answer) until it is told otherwise. It listens on
 * 127.0.0.1 on a free port and connects to the gateway from a loopback address of its own ({@link Loopback}), so that
 * the gateway counts the browser behind it as a client of its own (its stream and rate-limit shares).
 *
 * <p>It keeps what went through each connection (the first {@value #KEPT} characters each way, bytes read as
 * ISO-8859-1), so that a test can read the requests the browser sent and the answers it got.
 */
final class DroppingProxy implements AutoCloseable {

    /** How many characters of each direction of a connection are kept. */
    static final int KEPT = 8 * 1024 * 1024;

    /** What went through one connection so far: the browser's requests and the gateway's answers, in order. */
    record Exchange(int number, String sent, String received) {
    }

    private final InetSocketAddress target;
    private final InetAddress source = Loopback.next();
    private final ServerSocket server;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final List<Connection> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final Object lock = new Object();
    private boolean refusing;
    private volatile boolean closed;

    /** A proxy to {@code target} (such as the gateway, {@code http://localhost:41000}), listening at once. */
    DroppingProxy(URI target) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), target.getPort());
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().name("dropping-proxy-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The loopback address the proxy's connections to the target leave from: the browser's address to the gateway. */
    InetAddress source() {
        return source;
    }

    /** {@code http://127.0.0.1:<port>}: the proxy as a browser's base. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** While true, each new connection is closed as soon as it is accepted; connections open already stay. */
    void refuse(boolean refuse) {
        synchronized (lock) {
            refusing = refuse;
        }
    }

    /** Closes every connection open through the proxy now, on both sides. */
    void dropAll() {
        synchronized (lock) {
            for (Connection connection : List.copyOf(open)) {
                connection.close();
            }
        }
    }

    /** How many connections were refused so far. */
    int refused() {
        return refused.get();
    }

    /** Every connection the proxy passed on so far, in the order they were accepted, with what went through them. */
    List<Exchange> exchanges() {
        return all.stream().map(Connection::exchange).toList();
    }

    @Override
    public void close() {
        closed = true;
        quietly(server);
        dropAll();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.out.println("DroppingProxy stopped accepting: " + e);
                }
                return;
            }
            Connection connection;
            synchronized (lock) {
                if (refusing || closed) {
                    refused.incrementAndGet();
                    quietly(client);
                    continue;
                }
                connection = new Connection(all.size() + 1, client);
                open.add(connection);
                all.add(connection);
            }
            Thread.ofVirtual().name("dropping-proxy-" + connection.number).start(connection::run);
        }
    }

    /** One browser connection and the proxy's connection to the gateway for it. */
    private final class Connection {
        private final int number;
        private final Socket client;
        private final StringBuilder sent = new StringBuilder();
        private final StringBuilder received = new StringBuilder();
        private Socket upstream;
        private boolean closed;

        Connection(int number, Socket client) {
            this.number = number;
            this.client = client;
        }

        void run() {
            Socket socket = new Socket();
            try {
                socket.bind(new InetSocketAddress(source, 0));
                socket.connect(target, 5_000);
            } catch (IOException e) {
                quietly(socket);
                close();
                return;
            }
            synchronized (this) {
                if (closed) {
                    quietly(socket);
                    return;
                }
                upstream = socket;
            }
            try {
                InputStream fromClient = client.getInputStream();
                OutputStream toClient = client.getOutputStream();
                InputStream fromServer = socket.getInputStream();
                OutputStream toServer = socket.getOutputStream();
                Thread.ofVirtual().name("dropping-proxy-" + number + "-up").start(() -> copy(fromClient, toServer, sent));
                copy(fromServer, toClient, received);
            } catch (IOException e) {
                close();
            }
        }

        /** Copies until either side ends or fails, then closes both: an HTTP connection has no use for half of one. */
        private void copy(InputStream in, OutputStream out, StringBuilder kept) {
            byte[] buffer = new byte[16 * 1024];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = KEPT - kept.length();
                        if (room > 0) {
                            kept.append(new String(buffer, 0, Math.min(read, room), StandardCharsets.ISO_8859_1));
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // A dropped or reset connection: closed below.
            } finally {
                close();
            }
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                quietly(client);
                if (upstream != null) {
                    quietly(upstream);
                }
                open.remove(this);
            }
        }

        Exchange exchange() {
            String up;
            String down;
            synchronized (sent) {
                up = sent.toString();
            }
            synchronized (received) {
                down = received.toString();
            }
            return new Exchange(number, up, down);
        }
    }

    private static void quietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing is all that is wanted.
        }
    }
}
