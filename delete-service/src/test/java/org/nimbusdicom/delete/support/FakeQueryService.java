package org.nimbusdicom.delete.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.nimbusdicom.common.event.CloudEvent;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * Stands in for query-service's {@code GET /internal/index-progress/wait} (JDK HttpServer on a
 * loopback port). Like the real indexer it answers {@code applied:true} only once it has itself
 * read the record at (topic, partition, offset) from Kafka, so a DELETE that passed a wrong token
 * gets {@code applied:false}.
 *
 * <p>Controlled over HTTP (test and resource may live in different class loaders):
 * {@code POST /control/mode?value=applied|never|error|instant}; {@code GET /control/seen} lists the
 * tokens it confirmed as {@code topic/partition/offset type} lines; {@code GET /control/authorizations}
 * the Authorization header of every wait.
 */
public class FakeQueryService implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;
    private volatile String mode = "applied";
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @Override
    public int order() {
        return 100; // after NimbusTestInfrastructure: needs its Kafka
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/index-progress/wait", this::handleWait);
        server.createContext("/control/mode", exchange -> {
            mode = query(exchange.getRequestURI()).getOrDefault("value", "applied");
            answer(exchange, 200, "{\"mode\":\"" + mode + "\"}");
        });
        server.createContext("/control/seen", exchange -> answer(exchange, 200, String.join("\n", seen)));
        // the Authorization header of every wait so far ("-" when absent), one per line
        server.createContext("/control/authorizations", exchange -> answer(exchange, 200, String.join("\n", authorizations)));
        server.start();
        return Map.of("nimbus.query-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handleWait(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "-" : authorization);
        Map<String, String> q = query(exchange.getRequestURI());
        long timeoutMs = Long.parseLong(q.getOrDefault("timeoutMs", "5000"));
        switch (mode) {
            case "error" -> answer(exchange, 500, "{\"status\":500}");
            case "instant" -> answer(exchange, 200, "{\"applied\":true}"); // latency baseline only
            case "never" -> {
                sleep(timeoutMs);
                answer(exchange, 200, "{\"applied\":false}");
            }
            default -> {
                String type = readRecord(q.get("topic"), Integer.parseInt(q.get("partition")),
                        Long.parseLong(q.get("offset")), timeoutMs);
                if (type != null) {
                    seen.add(q.get("topic") + "/" + q.get("partition") + "/" + q.get("offset") + " " + type);
                }
                answer(exchange, 200, "{\"applied\":" + (type != null) + "}");
            }
        }
    }

    /** The CloudEvents type of the record at that position, or null when absent within the timeout. */
    private static String readRecord(String topic, int partition, long offset, long timeoutMs) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NimbusTestInfrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.offset() == offset) {
                        CloudEvent event = EventCodec.decode(record.value());
                        return event.type();
                    }
                }
            }
            return null;
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                params.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
