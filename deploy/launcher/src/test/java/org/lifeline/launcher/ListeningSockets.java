package org.lifeline.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The addresses a TCP port listens on, read from Linux's /proc/net/tcp and tcp6: which network a server can be
 * reached from, found without sending anything to an address other than loopback.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Such as ["127.0.0.1"], ["0.0.0.0"] (every IPv4 address) or ["::"]; empty when nothing listens. */
    static List<String> addresses(int port) {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.strip().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals(LISTEN) && local[1].equals(hexPort)) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
    private static String address(String hex) {
        List<Integer> bytes = new ArrayList<>();
        for (int word = 0; word < hex.length(); word += 8) {
            for (int i = 6; i >= 0; i -= 2) {
                bytes.add(Integer.parseInt(hex.substring(word + i, word + i + 2), 16));
            }
        }
        if (bytes.size() == 4) {
            return bytes.get(0) + "." + bytes.get(1) + "." + bytes.get(2) + "." + bytes.get(3);
        }
        if (bytes.subList(0, 10).stream().allMatch(b -> b == 0) && bytes.get(10) == 0xff && bytes.get(11) == 0xff) {
            // an IPv4-mapped IPv6 socket, as a JVM opens for an IPv4 address: the IPv4 address is what counts
            return bytes.get(12) + "." + bytes.get(13) + "." + bytes.get(14) + "." + bytes.get(15);
        }
        StringBuilder v6 = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            v6.append(i == 0 ? "" : ":").append(Integer.toHexString(bytes.get(i) << 8 | bytes.get(i + 1)));
        }
        return v6.toString().equals("0:0:0:0:0:0:0:0") ? "::" : v6.toString();
    }
}
