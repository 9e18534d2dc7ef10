package org.nimbusdicom.retrieve.event;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.nimbusdicom.retrieve.config.RetrieveConfig;
import org.nimbusdicom.retrieve.metadata.MetadataCache;
import org.nimbusdicom.retrieve.metadata.MetadataWarmer;

/**
 * The Kafka consumer of the metadata cache warming: starts and stops the thread that tails the
 * events topic ({@link TopicTail}) into the {@link MetadataWarmer}
 * ({@code nimbus.retrieve.metadata-cache.warming.*}).
 */
@ApplicationScoped
public class MetadataWarmingConsumer {

    private static final Logger LOG = Logger.getLogger(MetadataWarmingConsumer.class);
    private static final Duration PARTITION_REFRESH = Duration.ofMinutes(1);

    private final Map<String, Object> kafkaConfig;
    private final String topic;
    private final RetrieveConfig config;
    private final MetadataCache cache;
    private final MetadataWarmer warmer;
    private TopicTail tail;
    private Thread thread;

    public MetadataWarmingConsumer(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "nimbus.events.topic") String topic, RetrieveConfig config, MetadataCache cache,
            MetadataWarmer warmer) {
        this.kafkaConfig = kafkaConfig;
        this.topic = topic;
        this.config = config;
        this.cache = cache;
        this.warmer = warmer;
    }

    void start(@Observes StartupEvent event) {
        RetrieveConfig.Warming warming = config.metadataCache().warming();
        if (!warming.enabled() || !cache.enabled()) {
            LOG.info("metadata cache warming is off");
            return;
        }
        tail = new TopicTail(consumer(), topic, warming.replayPerPartition(), warmer::accept, PARTITION_REFRESH);
        thread = new Thread(tail, "nimbus-metadata-warming");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("metadata cache warming follows %s (replaying up to %d events per partition)", topic,
                warming.replayPerPartition());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (tail != null) {
            tail.stop();
            thread.join(5_000);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        // no group: every replica reads every event, and nothing is committed
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "nimbus-retrieve-metadata-warming");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // a fetch per event would cost the broker and us more than the warming saves; a quarter
        // second of delay is invisible to a viewer that opens the study later
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }
}
