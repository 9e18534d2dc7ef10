package org.nimbusdicom.delete.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads what was produced to a topic after a mark: {@link #mark()} remembers the end offsets,
 * {@link #await} then returns the first new record matching a condition.
 */
public final class EventTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    public EventTopicReader(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        mark();
    }

    /** Kafka bootstrap servers of the test broker. */
    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Only records produced after this call are returned by {@link #await}. */
    public void mark() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        ends.forEach(consumer::seek);
    }

    /** The first new record matching {@code condition}, or an AssertionError after {@code timeout}. */
    public ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (condition.test(record)) {
                    return record;
                }
                skipped.add(record.key());
            }
        }
        throw new AssertionError("no matching record within " + timeout + " (skipped keys " + skipped + ")");
    }

    /** The next {@code count} new records matching {@code condition}, in topic order per partition. */
    public List<ConsumerRecord<String, byte[]>> awaitAll(Predicate<ConsumerRecord<String, byte[]>> condition, int count,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
        while (matched.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (condition.test(record)) {
                    matched.add(record);
                }
            }
        }
        if (matched.size() < count) {
            throw new AssertionError("only " + matched.size() + " of " + count + " records within " + timeout);
        }
        return matched;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
