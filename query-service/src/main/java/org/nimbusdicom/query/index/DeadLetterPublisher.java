package org.nimbusdicom.query.index;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Publishes events the indexer cannot apply to {@code <topic>.dlq}, unchanged, with headers
 * naming their origin and the reason. Waits for the acknowledgement: the batch commits only
 * after its dead letters are durable (a retry may publish a dead letter twice; never zero times).
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final KafkaClients clients;
    private volatile KafkaProducer<byte[], byte[]> producer;

    public DeadLetterPublisher(KafkaClients clients) {
        this.clients = clients;
    }

    /** Publishes and waits for every record to be acknowledged. */
    public void publish(List<IndexBatchService.DeadLetter> deadLetters) throws Exception {
        KafkaProducer<byte[], byte[]> p = producer();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (IndexBatchService.DeadLetter d : deadLetters) {
            LOG.warnf("dead letter: %s-%d@%d: %s", d.record().topic(), d.record().partition(), d.record().offset(), d.reason());
            ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(clients.deadLetterTopic(), d.record().key(), d.record().value());
            out.headers().add("nimbus-dlq-topic", d.record().topic().getBytes(StandardCharsets.UTF_8));
            out.headers().add("nimbus-dlq-partition", Integer.toString(d.record().partition()).getBytes(StandardCharsets.UTF_8));
            out.headers().add("nimbus-dlq-offset", Long.toString(d.record().offset()).getBytes(StandardCharsets.UTF_8));
            String reason = d.reason() == null ? "" : d.reason();
            out.headers().add("nimbus-dlq-reason", reason.substring(0, Math.min(reason.length(), 1000)).getBytes(StandardCharsets.UTF_8));
            sends.add(p.send(out));
        }
        for (Future<RecordMetadata> send : sends) {
            send.get(60, TimeUnit.SECONDS);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> props = clients.base();
                    props.put("acks", "all");
                    props.put("enable.idempotence", "true");
                    props.put("delivery.timeout.ms", 30_000);
                    props.put("request.timeout.ms", 10_000);
                    props.put("client.id", "nimbus-query-dlq");
                    producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
