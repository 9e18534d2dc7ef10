package org.nimbusdicom.query.index;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nimbusdicom.query.config.QueryConfig;

/** Kafka connection settings shared by the indexer's consumer, producer and admin client. */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrapServers;
    private final String topic;
    private final String deadLetterTopic;

    public KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "nimbus.events.topic") String topic, QueryConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.deadLetterTopic = config.indexer().dlqTopic().orElse(topic + ".dlq");
    }

    /** The events topic. */
    public String topic() {
        return topic;
    }

    /** The dead-letter topic. */
    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** Base client properties (bootstrap servers). */
    public Map<String, Object> base() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}
