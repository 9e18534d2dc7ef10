package org.nimbusdicom.delete.event;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;
import org.nimbusdicom.delete.config.DeleteConfig;

/**
 * Creates the events topic (and the cleanup's retry and dead-letter topics) at startup when they
 * are missing; whichever service starts first creates the events topic (docs/architecture.md).
 * When Kafka is down at startup the service still starts (it answers 503 meanwhile) and a
 * background thread keeps trying with backoff.
 */
@ApplicationScoped
public class EventTopicInitializer {

    private static final Logger LOG = Logger.getLogger(EventTopicInitializer.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClientFactory clients;
    private final EventTopics topics;
    private final DeleteConfig config;
    private volatile boolean ready;
    private volatile Thread retryThread;

    public EventTopicInitializer(KafkaClientFactory clients, EventTopics topics, DeleteConfig config) {
        this.clients = clients;
        this.topics = topics;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (tryCreate()) {
            return;
        }
        Thread thread = new Thread(this::retryUntilCreated, "nimbus-delete-topic-init");
        thread.setDaemon(true);
        retryThread = thread;
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread thread = retryThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** True once every topic is known to exist. */
    public boolean ready() {
        return ready;
    }

    private void retryUntilCreated() {
        long backoff = 1000;
        while (!Thread.currentThread().isInterrupted() && !ready) {
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(30_000, backoff * 2);
            tryCreate();
        }
    }

    private boolean tryCreate() {
        try (Admin admin = clients.admin("nimbus-delete-topic-init", ATTEMPT_TIMEOUT)) {
            Set<String> existing = admin.listTopics().names().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Optional<Short> replication = config.events().topicReplicationFactor() > 0
                    ? Optional.of(config.events().topicReplicationFactor()) : Optional.empty();
            for (String name : List.of(topics.events(), topics.cleanupRetry(), topics.cleanupDeadLetter())) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, Optional.of(config.events().topicPartitions()), replication));
                }
            }
            if (!missing.isEmpty()) {
                for (var created : admin.createTopics(missing).values().entrySet()) {
                    try {
                        created.getValue().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        LOG.infof("created topic %s", created.getKey());
                    } catch (ExecutionException e) {
                        // another service created it meanwhile: fine
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
            ready = true;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warnf("cannot create/verify topics yet (%s); retrying in the background", e.toString());
            return false;
        }
    }
}
