package org.nimbusdicom.delete.event;

/** Kafka did not acknowledge a record within the configured send timeout. */
public class EventPublishException extends RuntimeException {

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
