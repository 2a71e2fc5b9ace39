package org.lifeline.contracts;

/** The Kafka topics services publish their integration events to. Events are kept forever. */
public final class Topics {
    /** Campaigns, posts and needs, published by campaigns-service; key = campaign or need id. */
    public static final String CAMPAIGNS = "lifeline.campaigns.v1";
    /** Pledges, donations, match pools and offers, published by donations-service. */
    public static final String DONATIONS = "lifeline.donations.v1";

    private Topics() {
    }

    /** Where events that a consumer cannot apply are parked, with the error. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
