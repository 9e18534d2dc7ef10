package org.nimbusdicom.query.index;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nimbusdicom.common.event.KafkaClientSecurity;
import org.nimbusdicom.query.config.QueryConfig;

/** Kafka connection settings shared by the indexer's consumer, producer and admin client. */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrapServers;
    private final String topic;
    private final String deadLetterTopic;
    private final Map<String, Object> security;

    public KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "nimbus.events.topic") String topic, QueryConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.bootstrapServers = bootstrapServers;
        // SASL/TLS (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_*) as store- and delete-service apply them
        this.security = KafkaClientSecurity.of(kafkaConfig);
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

    /** Base client properties (bootstrap servers, security settings). */
    public Map<String, Object> base() {
        Map<String, Object> props = new HashMap<>(security);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}
