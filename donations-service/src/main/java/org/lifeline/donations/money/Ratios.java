package org.lifeline.donations.money;

import java.math.BigDecimal;

/** Ratios as they are stored and shown: no trailing zeros beyond one decimal (1.0, 2.0, 1.5, 0.3333). */
public final class Ratios {

    private Ratios() {
    }

    public static BigDecimal normalise(BigDecimal ratio) {
        if (ratio == null) {
            return null;
        }
        BigDecimal stripped = ratio.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }
}
