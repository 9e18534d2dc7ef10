package org.nimbusdicom.store.event;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.event.KafkaClientSecurity;
import org.nimbusdicom.store.config.StoreConfig;

/**
 * Produces {@code org.nimbusdicom.instance.stored.v1} CloudEvents to the ingestion topic with an
 * idempotent, {@code acks=all} producer (key = StudyInstanceUID, so per-study order holds) and
 * waits for the broker's acknowledgement: an instance is acknowledged to the client only after
 * its event is durable. Every wait is bounded, so a down broker yields a 503 within seconds.
 */
@ApplicationScoped
public class InstanceEventPublisher {

    private static final Logger LOG = Logger.getLogger(InstanceEventPublisher.class);

    private final StoreConfig config;
    private final String bootstrapServers;
    private final Map<String, Object> security;
    private final String topic;
    private final AtomicBoolean topicReady = new AtomicBoolean();
    private volatile Producer<String, byte[]> producer;

    /** Without Kafka client security settings (PLAINTEXT; unit tests). */
    public InstanceEventPublisher(StoreConfig config, String bootstrapServers, String topic) {
        this(config, bootstrapServers, topic, Map.of());
    }

    @Inject
    public InstanceEventPublisher(StoreConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "nimbus.events.topic") String topic,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        // SASL/TLS (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_*) as query- and delete-service apply them
        this.security = KafkaClientSecurity.of(kafkaConfig);
        this.bootstrapServers = config.kafka().bootstrapServers().filter(s -> !s.isBlank()).orElse(bootstrapServers);
        this.topic = topic;
    }

    /** The events topic. */
    public String topic() {
        return topic;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.kafka().createTopic()) {
            try {
                ensureTopic();
            } catch (RuntimeException e) {
                // not fatal: the broker may come up later; readiness reports it meanwhile
                LOG.warnf("cannot check/create topic %s at startup: %s", topic, e.getMessage());
            }
        }
    }

    /**
     * Publishes the event and waits (at most {@code nimbus.store.kafka.ack-timeout}) for the
     * broker's acknowledgement.
     *
     * <p>Two failure outcomes, because they need different compensation:
     * {@link EventNotPublishedException} when the producer refused the record before handing it
     * to its sender (it will never be delivered), {@link EventOutcomeUnknownException} when the
     * record is in the producer's hands but not acknowledged in time (it may still be delivered
     * until {@code delivery.timeout.ms}). The ack wait is shorter than the delivery timeout
     * because a broker that just died is not noticed by {@code send()} (topic metadata is cached)
     * and the record would otherwise hold the request for the whole delivery timeout.
     *
     * @return partition and offset of the record
     */
    public PublishedEvent publish(InstanceStoredEvent data) {
        byte[] value = EventCodec.encodeStored(data, config.eventSource());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, data.studyInstanceUid(), value);
        Future<RecordMetadata> sent;
        try {
            sent = producer().send(record);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw notPublished(e);
        }
        // send() reports a refusal before the record reached the accumulator (no metadata within
        // max.block, record too large, serialization) as an already completed, failed future
        if (sent.isDone()) {
            try {
                RecordMetadata metadata = sent.get();
                return new PublishedEvent(metadata.topic(), metadata.partition(), metadata.offset());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notPublished(e);
            } catch (ExecutionException e) {
                throw notPublished(e.getCause() == null ? e : e.getCause());
            }
        }
        try {
            RecordMetadata metadata = sent.get(config.kafka().ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new PublishedEvent(metadata.topic(), metadata.partition(), metadata.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw outcomeUnknown(e);
        } catch (ExecutionException e) {
            // failed after the sender had it: an earlier attempt may have been written by the
            // broker (lost response), so this is not proof that the event does not exist
            throw outcomeUnknown(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw outcomeUnknown(e);
        }
    }

    /** True when the cluster answers a describe-cluster request within two seconds (readiness). */
    public boolean clusterReachable() {
        try (Admin admin = Admin.create(adminProperties(2000))) {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** Creates the events topic when missing (whichever service starts first creates it). */
    void ensureTopic() {
        if (topicReady.get()) {
            return;
        }
        try (Admin admin = Admin.create(adminProperties(5000))) {
            if (!admin.listTopics().names().get(5, TimeUnit.SECONDS).contains(topic)) {
                Optional<Short> replication = config.kafka().topicReplicationFactor() > 0
                        ? Optional.of(config.kafka().topicReplicationFactor()) : Optional.empty();
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.of(config.kafka().topicPartitions()), replication)))
                            .all().get(5, TimeUnit.SECONDS);
                    LOG.infof("created topic %s with %d partitions", topic, config.kafka().topicPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            topicReady.set(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                p = producer;
                if (p == null) {
                    p = createProducer();
                    producer = p;
                }
            }
        }
        return p;
    }

    /** The Kafka producer; tests replace it with a {@code MockProducer} that never acknowledges. */
    protected Producer<String, byte[]> createProducer() {
        return new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
    }

    Map<String, Object> producerProperties() {
        StoreConfig.Kafka kafka = config.kafka();
        long request = kafka.requestTimeout().toMillis();
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(security);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "nimbus-store-service");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
        // the broker requires delivery.timeout.ms >= linger.ms + request.timeout.ms
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(request, kafka.deliveryTimeout().toMillis()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.maxBlock().toMillis());
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.put(ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 3000);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return props;
    }

    private Map<String, Object> adminProperties(int timeoutMs) {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(security);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "nimbus-store-service-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return props;
    }

    private EventNotPublishedException notPublished(Throwable cause) {
        LOG.warnf("publishing to %s failed: %s", topic, cause.toString());
        return new EventNotPublishedException(config.retryAfterSeconds(), cause);
    }

    private EventOutcomeUnknownException outcomeUnknown(Throwable cause) {
        LOG.warnf("publishing to %s not acknowledged within %d ms (the event may still be delivered; "
                + "its blob is kept): %s", topic, config.kafka().ackTimeout().toMillis(), cause.toString());
        return new EventOutcomeUnknownException(config.retryAfterSeconds(), cause);
    }

    @PreDestroy
    void close() {
        Producer<String, byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(2));
        }
    }
}
