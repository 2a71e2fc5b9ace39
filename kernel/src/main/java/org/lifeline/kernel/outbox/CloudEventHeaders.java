package org.lifeline.kernel.outbox;

/** Kafka header names of CloudEvents 1.0 binary mode, and Lifeline's extensions. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    /** Version of the event in its stream (extension {@code streamversion}). */
    public static final String STREAM_VERSION = "ce_streamversion";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";
    /** Who did it: an account id, {@code partner:<id>} or {@code system:<service>} (extension {@code actor}). */
    public static final String ACTOR = "ce_actor";

    private CloudEventHeaders() {
    }
}
