package org.lifeline.feed.webhook;

/** How one POST to a receiver went: a 2xx status, another status, or no answer ({@code status} null, see error). */
record DeliveryAttempt(Integer status, String error) {

    static DeliveryAttempt answered(int status) {
        return new DeliveryAttempt(status, status >= 200 && status < 300 ? null : "HTTP " + status);
    }

    static DeliveryAttempt failed(String error) {
        return new DeliveryAttempt(null, error);
    }

    boolean delivered() {
        return status != null && status >= 200 && status < 300;
    }
}
