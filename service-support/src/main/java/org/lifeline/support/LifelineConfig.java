package org.lifeline.support;

import io.smallrye.config.ConfigMapping;

/** Settings every Lifeline service shares, under {@code lifeline.*}. */
@ConfigMapping(prefix = "lifeline")
public interface LifelineConfig {

    /** The service's name, as it appears in responses, logs and event sources (such as {@code campaigns-service}). */
    String serviceName();
}
