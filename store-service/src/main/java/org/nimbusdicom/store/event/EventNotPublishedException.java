package org.nimbusdicom.store.event;

import org.nimbusdicom.common.error.DependencyUnavailableException;

/**
 * 503: Kafka definitively did not take the event (the producer refused the record before it was
 * handed to its sender, e.g. no topic metadata within {@code max.block}). The event will never be
 * delivered, so the caller may delete the blob and metadata it uploaded for it.
 */
public class EventNotPublishedException extends DependencyUnavailableException {

    public EventNotPublishedException(int retryAfterSeconds, Throwable cause) {
        super("Kafka", retryAfterSeconds, cause);
    }
}
