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
 * bucket holds 10 and refills so slowly (one token in about three hours) that a test can count on it exactly; so
 * does the failed-credentials bucket. Streams: 3 per client, 8 in all, beside a pool of 4 for short requests.
 * Restricted to {@link ReverseProxyTest}, whose boot alone it configures.
 */
public final class ProxyStubsResource implements QuarkusTestResourceLifecycleManager {

    static final String PREFIX = "lifeline.gateway.proxy.";
    static final int AUTH_BURST = 10;
    static final int FAILED_CREDENTIALS_BURST = 15;
    static final int STREAMS_PER_CLIENT = 3;
    static final int STREAM_POOL = 8;

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
        config.put(PREFIX + "failed-credentials-rate-limit.capacity", String.valueOf(FAILED_CREDENTIALS_BURST));
        config.put(PREFIX + "failed-credentials-rate-limit.refill-per-second", "0.0001");
        config.put(PREFIX + "pool-size", "4");
        config.put(PREFIX + "streams.pool-size", String.valueOf(STREAM_POOL));
        config.put(PREFIX + "streams.max-per-client", String.valueOf(STREAMS_PER_CLIENT));
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
