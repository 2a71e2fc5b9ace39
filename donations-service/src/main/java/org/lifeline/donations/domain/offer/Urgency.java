package org.lifeline.donations.domain.offer;

/** How soon a need must be met, most urgent first; {@link #weight()} is its share in the matcher's score. */
public enum Urgency {
    CRITICAL(1.0), HIGH(0.75), MEDIUM(0.5), LOW(0.25);

    private final double weight;

    Urgency(double weight) {
        this.weight = weight;
    }

    /** 1 for CRITICAL down to 0.25 for LOW. */
    public double weight() {
        return weight;
    }
}
