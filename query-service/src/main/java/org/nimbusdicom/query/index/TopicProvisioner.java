package org.nimbusdicom.query.index;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;
import org.nimbusdicom.query.config.QueryConfig;

/** Creates the events topic and its dead-letter topic when missing (whichever service starts first does it). */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final KafkaClients clients;
    private final QueryConfig.Indexer config;

    public TopicProvisioner(KafkaClients clients, QueryConfig config) {
        this.clients = clients;
        this.config = config.indexer();
    }

    /**
     * Ensures both topics exist.
     *
     * @throws Exception when Kafka cannot be reached (the caller retries with backoff)
     */
    public void ensureTopics() throws Exception {
        Map<String, Object> props = clients.base();
        props.put("request.timeout.ms", 10_000);
        props.put("default.api.timeout.ms", 15_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : List.of(clients.topic(), clients.deadLetterTopic())) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, config.topicPartitions(), config.topicReplicationFactor()));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
                    LOG.infof("created topic %s (%d partitions)", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
