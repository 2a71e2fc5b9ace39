package org.lifeline.system;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: control characters in a
 * header, {@code %ZZ} in a path, URIs longer than 8 KB, bodies in any bytes. One request per
 * connection ({@code Connection: close}); every read has a timeout.
 */
final class RawHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private RawHttp() {
    }

    /** A request as it goes on the wire: the target is sent as given, headers too (Host and Content-Length are added). */
    record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

        static Request of(String method, String target) {
            return new Request(method, target, List.of(), null);
        }

        Request header(String name, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers);
            more.add(Map.entry(name, value));
            return new Request(method, target, more, body);
        }

        /** The request with this body and, unless null, this content type in place of any other. */
        Request body(byte[] content, String contentType) {
            List<Map.Entry<String, String>> others = contentType == null ? headers : headers.stream()
                    .filter(h -> !h.getKey().equalsIgnoreCase("Content-Type")).toList();
            Request request = new Request(method, target, others, content);
            return contentType == null ? request : request.header("Content-Type", contentType);
        }

        Request target(String newTarget) {
            return new Request(method, newTarget, headers, body);
        }

        byte[] bytes(String host) {
            StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // ISO-8859-1 writes each char below 256 as that one byte: control characters go out as they are.
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            String shownTarget = target.length() > 120 ? target.substring(0, 120) + "…(" + target.length() + ")" : target;
            String shownBody = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
                    + (body.length > 300 ? "…(" + body.length + " bytes)" : "");
            return (method + " " + shownTarget + " " + headers + " " + shownBody).replace("\u0000", "\\u0000");
        }
    }

    /** The answer: status, headers (names in lower case) and the body. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String contentType() {
            String type = header("content-type");
            return type == null ? "" : type;
        }

        @Override
        public String toString() {
            String text = text();
            return status + " " + contentType() + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    /** Sends the request from {@code source} (null: any) and reads the whole answer. */
    static Response exchange(URI base, InetAddress source, Request request) {
        try (Socket socket = connect(base, source)) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.bytes("127.0.0.1:" + base.getPort()));
                out.flush();
            } catch (IOException stoppedReading) {
                // A server may answer (413, 431 …) and stop reading before the request is all sent: read its answer.
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Head head = readHead(in);
            return new Response(head.status(), head.headers(), readBody(in, head.headers()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request + " failed", e);
        }
    }

    /** An open server-sent-event stream (or its refusal): the head is read, the socket stays open until closed. */
    static final class Stream implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final Head head;
        private final byte[] body;

        private Stream(Socket socket, InputStream in, Head head, byte[] body) {
            this.socket = socket;
            this.in = in;
            this.head = head;
            this.body = body;
        }

        int status() {
            return head.status();
        }

        Response refusal() {
            return new Response(head.status(), head.headers(), body);
        }

        /** Reads what the stream sends for up to {@code duration} (or until it ends) and returns it as text. */
        String readFor(Duration duration) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long end = System.nanoTime() + duration.toNanos();
            byte[] buffer = new byte[8192];
            while (System.nanoTime() < end) {
                socket.setSoTimeout((int) Math.max(1, Math.min(500, (end - System.nanoTime()) / 1_000_000)));
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                } catch (java.net.SocketTimeoutException idle) {
                    // nothing yet: read on until the time is up
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Opens a GET as a stream: a 200 keeps the socket open, any other answer is read whole and the socket closed. */
    static Stream open(URI base, InetAddress source, Request request) throws IOException {
        Socket socket = connect(base, source);
        try {
            socket.getOutputStream().write(request.bytes("127.0.0.1:" + base.getPort()));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Head head = readHead(in);
            if (head.status() == 200) {
                return new Stream(socket, in, head, new byte[0]);
            }
            byte[] body = readBody(in, head.headers());
            socket.close();
            return new Stream(socket, in, head, body);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket connect(URI base, InetAddress source) throws IOException {
        Socket socket = new Socket();
        if (source != null) {
            socket.bind(new InetSocketAddress(source, 0));
        }
        socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), base.getPort()), 5_000);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    private record Head(int status, Map<String, String> headers) { }

    private static Head readHead(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("no HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        return new Head(status, headers);
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String size = readLine(in); size != null; size = readLine(in)) {
                int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
                if (length == 0) {
                    break;
                }
                out.write(in.readNBytes(length));
                readLine(in);
            }
            return out.toByteArray();
        }
        String length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length.trim()));
        }
        return in.readAllBytes();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
