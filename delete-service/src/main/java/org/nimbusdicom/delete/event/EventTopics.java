package org.nimbusdicom.delete.event;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Names of the topics this service uses, all derived from {@code nimbus.events.topic}. */
@ApplicationScoped
public class EventTopics {

    /** Suffix of the topic on which the cleanup parks objects that keep failing. */
    public static final String CLEANUP_RETRY_SUFFIX = ".cleanup-retry";
    /** Suffix of the topic receiving records the cleanup cannot parse. */
    public static final String CLEANUP_DLQ_SUFFIX = ".cleanup-dlq";

    private final String events;

    public EventTopics(@ConfigProperty(name = "nimbus.events.topic") String events) {
        this.events = events;
    }

    /** The shared ingestion topic (stored and deleted events). */
    public String events() {
        return events;
    }

    /** Deleted events re-queued by the cleanup, holding only the objects still to delete. */
    public String cleanupRetry() {
        return events + CLEANUP_RETRY_SUFFIX;
    }

    /** Records of the events topic the cleanup could not parse. */
    public String cleanupDeadLetter() {
        return events + CLEANUP_DLQ_SUFFIX;
    }
}
