package org.nimbusdicom.delete.cleanup;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.nimbusdicom.delete.config.DeleteConfig;
import org.nimbusdicom.delete.event.DeleteEventPublisher;
import org.nimbusdicom.delete.event.EventTopics;
import org.nimbusdicom.delete.event.KafkaClientFactory;
import org.nimbusdicom.delete.storage.DicomObjectStore;
import org.nimbusdicom.delete.storage.ObjectDeleter;

/**
 * Runs the {@link CleanupLoop} on its own thread with a plain {@code KafkaConsumer} of group
 * {@code nimbus.delete.cleanup.group-id} (default {@code nimbus-delete-cleanup}), from startup to
 * shutdown. Restarts the loop after an unexpected failure.
 */
@ApplicationScoped
public class CleanupConsumer {

    private static final Logger LOG = Logger.getLogger(CleanupConsumer.class);

    private final KafkaClientFactory clients;
    private final DicomObjectStore store;
    private final DeleteEventPublisher publisher;
    private final CleanupMetrics metrics;
    private final EventTopics topics;
    private final DeleteConfig config;
    private volatile boolean running;
    private volatile CleanupLoop loop;
    private Thread thread;

    public CleanupConsumer(KafkaClientFactory clients, DicomObjectStore store, DeleteEventPublisher publisher,
            CleanupMetrics metrics, EventTopics topics, DeleteConfig config) {
        this.clients = clients;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.topics = topics;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.cleanup().enabled()) {
            LOG.info("storage cleanup consumer disabled");
            return;
        }
        running = true;
        thread = new Thread(this::runUntilStopped, "nimbus-delete-cleanup");
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        CleanupLoop current = loop;
        if (current != null) {
            current.stop();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    /** Settings of the running loop (the configuration, resolved against the topic names). */
    public CleanupSettings settings() {
        return CleanupSettings.of(config, topics.events(), topics.cleanupRetry(), topics.cleanupDeadLetter());
    }

    /** A loop wired like the service's own, on the given consumer group and settings (tests, tools). */
    public CleanupLoop newLoop(String groupId, CleanupSettings settings, ObjectDeleter deleter) {
        return new CleanupLoop(clients.consumer(groupId, groupId + "-" + System.nanoTime(),
                config.cleanup().maxPollRecords()), deleter, (t, k, v) -> publisher.send(t, k, v), metrics, settings);
    }

    private void runUntilStopped() {
        long backoff = 1000;
        while (running) {
            CleanupLoop current = newLoop(config.cleanup().groupId(), settings(), store);
            loop = current;
            if (!running) {
                current.stop(); // shutdown raced the restart: run() returns at once
            }
            try {
                current.run();
                backoff = 1000;
            } catch (RuntimeException e) {
                LOG.errorf(e, "storage cleanup loop failed; restarting in %d ms", backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(60_000, backoff * 2);
            }
        }
    }
}
