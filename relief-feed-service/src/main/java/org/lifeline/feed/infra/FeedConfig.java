package org.lifeline.feed.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** relief-feed-service's own settings, under {@code lifeline.feed.*}. */
@ConfigMapping(prefix = "lifeline.feed")
public interface FeedConfig {

    /** How often an idle SSE stream gets a heartbeat comment, so that proxies keep it open. */
    @WithDefault("15s")
    Duration heartbeat();

    /** How often feed readers look for new positions when no notification came (the safety net of NOTIFY). */
    @WithDefault("2s")
    Duration poll();

    /** How many feed-log rows an SSE stream reads at a time; the next batch waits until these are written out. */
    @WithDefault("200")
    int streamBatch();

    /** The currency of a campaign's totals before anyone gave money (ISO 4217). */
    @WithDefault("CNY")
    String defaultCurrency();
}
