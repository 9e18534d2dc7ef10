package org.nimbusdicom.delete.event;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.InstancesDeletedEvent;
import org.nimbusdicom.delete.config.DeleteConfig;

/**
 * Produces the {@code *.deleted.v1} events (key = StudyInstanceUID, so all events of a study keep
 * their order) and waits for Kafka's acknowledgement: an event is durable before DELETE answers.
 */
@Startup // the producer exists before the first DELETE, which then pays no client start-up
@ApplicationScoped
public class DeleteEventPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final EventTopics topics;
    private final DeleteConfig config;

    public DeleteEventPublisher(KafkaClientFactory clients, EventTopics topics, DeleteConfig config) {
        this.producer = clients.producer("nimbus-delete-publisher");
        this.topics = topics;
        this.config = config;
    }

    /**
     * Produces one deleted event on the events topic.
     *
     * @throws EventPublishException when Kafka does not acknowledge it in time
     */
    public PublishedEvent publish(InstancesDeletedEvent event) {
        byte[] value = EventCodec.encodeDeleted(event, config.events().source());
        return send(topics.events(), event.studyInstanceUid(), value);
    }

    /**
     * Produces an already encoded record (cleanup retry and dead-letter topics).
     *
     * @throws EventPublishException when Kafka does not acknowledge it in time
     */
    public PublishedEvent send(String topic, String key, byte[] value) {
        Duration timeout = config.events().sendTimeout();
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, key, value))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new PublishedEvent(metadata.topic(), metadata.partition(), metadata.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted while producing to " + topic, e);
        } catch (ExecutionException e) {
            throw new EventPublishException("Kafka did not accept the record for " + topic, e.getCause());
        } catch (TimeoutException | org.apache.kafka.common.KafkaException e) {
            // KafkaException: send() itself fails fast, e.g. metadata not available within max.block.ms
            throw new EventPublishException("Kafka did not acknowledge the record for " + topic + " in time", e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
