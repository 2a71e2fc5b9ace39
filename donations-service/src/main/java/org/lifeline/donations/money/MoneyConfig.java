package org.lifeline.donations.money;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Money's settings, under {@code lifeline.money.*}. */
@ConfigMapping(prefix = "lifeline.money")
public interface MoneyConfig {

    /**
     * How often the timer closes match pools whose end time passed or whose campaign closed ({@code off}
     * disables it; pools then close lazily at their next donation). Read by {@code @Scheduled}.
     */
    @WithDefault("1m")
    String timerInterval();
}
