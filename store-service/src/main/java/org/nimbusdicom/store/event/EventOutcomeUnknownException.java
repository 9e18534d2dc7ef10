package org.nimbusdicom.store.event;

import org.nimbusdicom.common.error.DependencyUnavailableException;

/**
 * 503: the record was handed to the producer but the broker did not acknowledge it within
 * {@code nimbus.store.kafka.ack-timeout}. The producer keeps retrying until
 * {@code delivery.timeout.ms}, so the event may still be written after the client got its 503.
 * The caller must therefore keep the blob and metadata the event points to: if the event is
 * delivered, they make it a normal stored instance (a retry of the client answers 409/45070); if
 * not, they are unreferenced orphans that the sweeper removes after its grace period. Deleting
 * them here could leave an index row without its blob.
 */
public class EventOutcomeUnknownException extends DependencyUnavailableException {

    public EventOutcomeUnknownException(int retryAfterSeconds, Throwable cause) {
        super("Kafka", retryAfterSeconds, cause);
    }
}
