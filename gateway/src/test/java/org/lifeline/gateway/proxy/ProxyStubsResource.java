package org.lifeline.gateway.proxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the proxy at stub services on free local ports, which {@link ReverseProxyTest} binds, plus two test-only
 * services: {@code broken} (answers garbage) and {@code unreachable} (nothing listens). Small limits and timeouts
 * keep the tests quick: a 1 s idle timeout, a 1 KiB body limit, and buckets of 20 refilled at 2/s. The auth
 * bucket holds 10 and refills so slowly (one token in about three hours) that a test can count on it exactly.
 * Restricted to {@link ReverseProxyTest}, whose boot alone it configures.
 */
public final class ProxyStubsResource implements QuarkusTestResourceLifecycleManager {

    static final String PREFIX = "lifeline.gateway.proxy.";
    static final int AUTH_BURST = 10;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String service : new String[] {"campaigns", "donations", "feed", "broken", "unreachable"}) {
            config.put(PREFIX + "services." + service + ".url", "http://127.0.0.1:" + freePort());
        }
        config.put(PREFIX + "services.broken.routes", "/api/v1/test-broken/**");
        config.put(PREFIX + "services.unreachable.routes", "/api/v1/test-unreachable/**");
        config.put(PREFIX + "connect-timeout", "1s");
        config.put(PREFIX + "idle-timeout", "1s");
        config.put(PREFIX + "max-body-size", "1K");
        config.put(PREFIX + "retry-after", "7s");
        config.put(PREFIX + "rate-limit.capacity", "20");
        config.put(PREFIX + "rate-limit.refill-per-second", "2");
        config.put(PREFIX + "auth-rate-limit.capacity", String.valueOf(AUTH_BURST));
        config.put(PREFIX + "auth-rate-limit.refill-per-second", "0.0001");
        return config;
    }

    @Override
    public void stop() {
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
