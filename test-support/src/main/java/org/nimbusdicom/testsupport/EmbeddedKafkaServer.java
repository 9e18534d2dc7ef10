package org.nimbusdicom.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka (KRaft, broker + controller) inside the test JVM. Replication
 * factors are 1: without that, {@code __consumer_offsets} cannot be created and consumers
 * never receive records.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafkaServer(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts the broker and waits until it is ready. */
    public static EmbeddedKafkaServer start() throws Exception {
        neverExitTheJvm();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "4")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new EmbeddedKafkaServer(cluster);
    }

    /**
     * The broker calls {@code Exit.halt(1)} / {@code Exit.exit(1)} when something goes wrong while
     * it shuts down, which happens at JVM exit in tests; that turns a green test run into a
     * surefire "Error occurred in starting fork". In a test JVM the broker must never end the
     * process: log instead.
     */
    private static void neverExitTheJvm() {
        Exit.setExitProcedure((status, message) ->
                System.err.println("[test-support] Kafka asked to exit(" + status + "): " + message + " (ignored)"));
        Exit.setHaltProcedure((status, message) ->
                System.err.println("[test-support] Kafka asked to halt(" + status + "): " + message + " (ignored)"));
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates a topic (no-op when it exists). */
    public void createTopic(String name, int partitions) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get().contains(name)) {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            }
        }
    }

    /** Client properties pointing at this broker. */
    public Map<String, Object> clientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
