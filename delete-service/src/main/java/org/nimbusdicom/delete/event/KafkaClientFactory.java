package org.nimbusdicom.delete.event;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.nimbusdicom.delete.config.DeleteConfig;

/**
 * Builds the plain Kafka clients of this service from the {@code kafka.*} configuration
 * (bootstrap servers, and security settings in production), adding the settings each role needs.
 */
@ApplicationScoped
public class KafkaClientFactory {

    private final Map<String, Object> base;
    private final DeleteConfig config;

    public KafkaClientFactory(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, DeleteConfig config) {
        this.base = new HashMap<>(kafkaConfig);
        // the extension adds the application name as group.id; every client chooses its own
        this.base.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.config = config;
    }

    /**
     * An idempotent {@code acks=all} producer whose {@code send} fails within the configured send
     * timeout when Kafka is down (half for metadata, half for delivery).
     */
    public KafkaProducer<String, byte[]> producer(String clientId) {
        Map<String, Object> props = new HashMap<>(base);
        long half = Math.max(500, config.events().sendTimeout().toMillis() / 2);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // a study delete lists every copy: JSON of UIDs compresses well, keeping big studies under
        // the broker's message.max.bytes (1 MiB by default, applied to the compressed batch)
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.events().maxEventBytes());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, half);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) half);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) half);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** A consumer of a group with manual commits, starting at the earliest offset of a new group. */
    public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId, int maxPollRecords) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A consumer killed without leaving its group (kill -9, OOM) holds its partitions until
        // its session times out; Kafka's default 45 s stalls the cleanup that long after a
        // crash-restart (chaos suite, issue 11). 10 s, as query-service's indexer (broker minimum 6 s).
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        // Nearly every record is an instance.stored event the cleanup skips: fetching them in
        // batches (up to 250 ms late) instead of one fetch + commit per STOW saves CPU here and on
        // the broker; a blob deleted a quarter second later makes no difference.
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    /** An admin client whose calls time out after {@code timeout}. */
    public Admin admin(String clientId, Duration timeout) {
        Map<String, Object> props = new HashMap<>(base);
        props.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(props);
    }
}
