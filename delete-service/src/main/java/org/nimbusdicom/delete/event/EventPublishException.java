package org.nimbusdicom.delete.event;

/** Kafka did not acknowledge a record within the configured send timeout. */
public class EventPublishException extends RuntimeException {

    private final boolean tooLarge;

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
        this.tooLarge = cause instanceof org.apache.kafka.common.errors.RecordTooLargeException;
    }

    /** True when Kafka refused the record for its size: retrying cannot help. */
    public boolean tooLarge() {
        return tooLarge;
    }
}
