package org.lifeline.feed.webhook;

/** A subscription request field that passed its shape checks but is still not acceptable (such as a private URL). */
public class InvalidWebhook extends RuntimeException {

    private final String field;

    public InvalidWebhook(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
