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
     * head it is a 504; a stream (server-sent events) that falls silent this long afterwards is cut.
     * An idle, not a total, timeout, so that events flow as long as the service keeps writing.
     */
    @WithDefault("30s")
    Duration idleTimeout();

    /** The largest request body forwarded; bigger ones get 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** The {@code Retry-After} of a 503 when a service is down. */
    @WithDefault("5s")
    Duration retryAfter();

    /**
     * The connections to each service for short requests. Long-lived streams have a pool of their own
     * ({@link Streams#poolSize()}), so that short requests never queue behind them.
     */
    @WithDefault("200")
    int poolSize();

    /** The per-caller bucket of proxied requests and of the gateway's own {@code /api/v1} endpoints. */
    RateLimit rateLimit();

    /** The per-address bucket of {@code POST /api/v1/auth/*} (sign-in and registration). */
    AuthRateLimit authRateLimit();

    /** The per-address bucket that bad credentials draw on. */
    FailedCredentialsRateLimit failedCredentialsRateLimit();

    /** Long-lived streams (server-sent events): their own connection pool and a cap per client. */
    Streams streams();

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
     * {@code POST /api/v1/auth/*}, whatever credentials come with the request, so that account spam is slow.
     * These requests draw on this bucket only. It is generous, because a relief camp or a university may sign
     * in from behind one address; password guessing is slowed per account instead
     * ({@code lifeline.gateway.sign-in.*}).
     */
    interface AuthRateLimit {
        @WithDefault("true")
        boolean enabled();

        /** The burst an address may send at once. */
        @WithDefault("60")
        long capacity();

        /** Tokens added per second, up to the capacity. */
        @WithDefault("1")
        double refillPerSecond();
    }

    /**
     * {@code lifeline.gateway.proxy.failed-credentials-rate-limit.*}: one token bucket per client address that
     * each invalid or expired bearer token and each unknown or revoked API key draws on. Once it is empty, every
     * request with credentials from that address gets a 429 before any verification work, until it refills.
     */
    interface FailedCredentialsRateLimit {
        @WithDefault("true")
        boolean enabled();

        /** The bad credentials an address may send at once. */
        @WithDefault("20")
        long capacity();

        /** Tokens added per second, up to the capacity. */
        @WithDefault("1")
        double refillPerSecond();
    }

    /**
     * {@code lifeline.gateway.proxy.streams.*}: a request is a stream when it is a {@code GET} that accepts
     * {@code text/event-stream} or whose path matches {@link #routes()}. Streams go through a connection pool of
     * their own, and each client (an address when anonymous, else the account or partner) may hold only a few.
     */
    interface Streams {
        /** Paths that are streams whatever the request's {@code Accept} says. */
        @WithDefault("/api/v1/feed/stream")
        List<String> routes();

        /** Streams open at once through the gateway (the size of their own connection pool). Past it, 503. */
        @WithDefault("500")
        int poolSize();

        /** Streams one client may hold open at once. Past it, 429. */
        @WithDefault("10")
        int maxPerClient();

        /**
         * Streams one network (an IPv4 address, an IPv6 /64) may hold open at once, whatever the accounts behind it:
         * generous, for a camp or a campus behind one NAT, yet a tenth of the pool. Past it, 429.
         */
        @WithDefault("50")
        int maxPerNetwork();
    }
}
