package org.lifeline.feed.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where webhooks may go: absolute http(s) URLs whose host resolves only to addresses the configuration allows.
 * Every address of the host is checked, so a name with one public and one private address is refused. The
 * check is made when a subscription is created and again before each delivery (a name may change addresses).
 * It resolves host names, so it blocks: call it off the event loop.
 */
@ApplicationScoped
public class WebhookTargets {

    /** What an address is, for this policy. */
    enum Range { PUBLIC, LOOPBACK, PRIVATE, REFUSED }

    /** Resolves a host name (or an IP literal) to all its addresses. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    static final String FIELD = "url";

    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final Resolver resolver;

    @Inject
    WebhookTargets(WebhooksConfig config) {
        this(config.allowLoopback(), config.allowPrivate(), InetAddress::getAllByName);
    }

    WebhookTargets(boolean allowLoopback, boolean allowPrivate, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The URL, when it is one webhooks may target; otherwise {@link InvalidWebhook} for the field {@code url}. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidWebhook(FIELD, "must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.isOpaque()) {
            throw new InvalidWebhook(FIELD, "must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidWebhook(FIELD, "must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidWebhook(FIELD, "must not have a fragment");
        }
        checkAddresses(uri);
        return uri;
    }

    /** Resolves the URL's host and refuses it unless every address is allowed. */
    void checkAddresses(URI uri) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new InvalidWebhook(FIELD, "host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new InvalidWebhook(FIELD, "host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Range range = classify(address);
            boolean allowed = range == Range.PUBLIC
                    || range == Range.LOOPBACK && allowLoopback
                    || range == Range.PRIVATE && allowPrivate;
            if (!allowed) {
                throw new InvalidWebhook(FIELD, "must not target " + describe(range) + " ("
                        + address.getHostAddress() + ")");
            }
        }
    }

    static Range classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address ? classifyV4(bytes) : classifyV6(bytes);
    }

    private static Range classifyV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 127) {
            return Range.LOOPBACK;
        }
        if (first == 10 || first == 172 && (second & 0xf0) == 16 || first == 192 && second == 168
                || first == 100 && (second & 0xc0) == 64) {
            return Range.PRIVATE;
        }
        if (first == 0                                       // unspecified, "this network"
                || first == 169 && second == 254             // link-local, cloud metadata services
                || first >= 224                              // multicast, reserved, broadcast
                || first == 192 && second == 0 && (b[2] & 0xff) == 0  // IETF protocol assignments
                || first == 198 && (second & 0xfe) == 18) {  // benchmarking
            return Range.REFUSED;
        }
        return Range.PUBLIC;
    }

    private static Range classifyV6(byte[] b) {
        if (isZero(b, 0, 15)) {
            return b[15] == 1 ? Range.LOOPBACK : b[15] == 0 ? Range.REFUSED : classifyV4(Arrays.copyOfRange(b, 12, 16));
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return classifyV4(Arrays.copyOfRange(b, 12, 16));                  // ::ffff:a.b.c.d, IPv4-mapped
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 12)) {
            return classifyV4(Arrays.copyOfRange(b, 12, 16));                  // 64:ff9b::/96, NAT64
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return classifyV4(Arrays.copyOfRange(b, 2, 6));                    // 2002::/16, 6to4
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc || first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Range.PRIVATE;                                              // fc00::/7 unique local, fec0::/10
        }
        if (first == 0xff || first == 0xfe && (b[1] & 0xc0) == 0x80
                || first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return Range.REFUSED;                                              // multicast, link-local, documentation
        }
        return Range.PUBLIC;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Range range) {
        return switch (range) {
            case LOOPBACK -> "a loopback address";
            case PRIVATE -> "a private address";
            case REFUSED -> "a link-local, unspecified, multicast or reserved address";
            case PUBLIC -> "a public address";
        };
    }
}
