package org.lifeline.gateway.proxy;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The reverse proxy's route table, timeouts and limits, under {@code lifeline.gateway.proxy.*}. */
@ConfigMapping(prefix = "lifeline.gateway.proxy")
public interface ProxyConfig {

    /** The services behind the gateway by name ({@code campaigns}, {@code donations}, {@code feed}). */
    Map<String, Service> services();

    /** How long to wait for a connection to a service; past it the service counts as down (503). */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long a proxied exchange may go without a byte from the service: before the response
     * head it is a 504, after it the stream is cut. An idle, not a total, timeout, so that
     * server-sent events flow as long as the service keeps writing.
     */
    @WithDefault("30s")
    Duration idleTimeout();

    /** The largest request body forwarded; bigger ones get 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** The {@code Retry-After} of a 503 when a service is down. */
    @WithDefault("5s")
    Duration retryAfter();

    /** The per-caller bucket of proxied requests and of the gateway's own {@code /api/v1} endpoints. */
    RateLimit rateLimit();

    /** The stricter per-address bucket of {@code POST /api/v1/auth/*} (sign-in and registration). */
    AuthRateLimit authRateLimit();

    /** {@code lifeline.gateway.proxy.services.<name>.*} */
    interface Service {
        /** Where the service listens, such as {@code http://localhost:8081}. */
        URI url();

        /**
         * Path patterns the service serves, forwarded unchanged: {@code *} matches one segment,
         * {@code **} any number of trailing segments. The most specific pattern wins across services.
         */
        List<String> routes();
    }

    /** {@code lifeline.gateway.proxy.rate-limit.*}: one token bucket per caller. */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** The burst a caller may send at once. */
        @WithDefault("100")
        long capacity();

        /** Tokens added per second, up to the capacity. */
        @WithDefault("20")
        double refillPerSecond();
    }

    /**
     * {@code lifeline.gateway.proxy.auth-rate-limit.*}: one token bucket per client address for
     * {@code POST /api/v1/auth/*}, whatever credentials come with the request, so that password
     * guessing and account spam are slow. These requests draw on this bucket only.
     */
    interface AuthRateLimit {
        @WithDefault("true")
        boolean enabled();

        /** The burst an address may send at once. */
        @WithDefault("10")
        long capacity();

        /** Tokens added per second, up to the capacity (0.2/s is 12 a minute). */
        @WithDefault("0.2")
        double refillPerSecond();
    }
}
