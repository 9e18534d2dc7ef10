package org.nimbusdicom.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Quarkus test resource that starts the real servers a service needs inside the test JVM and
 * points the service's configuration at them. The servers are started once per JVM and shared by
 * every test class of a module (Quarkus may restart the application between profiles; the
 * servers stay up and are stopped by a shutdown hook).
 *
 * <p>Init arg {@code servers}: comma list of {@code postgres}, {@code kafka}, {@code s3} (default
 * all). Init arg {@code migrate}: {@code true} to apply the index migrations (default true;
 * query-service passes false since it migrates itself).
 */
public class NimbusTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    /** The events topic used by tests. */
    public static final String TOPIC = "dicom.instance-events";

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaServer kafka;
    private static EmbeddedS3Server s3;
    private static boolean hookInstalled;

    private Set<String> servers = Set.of("postgres", "kafka", "s3");
    private boolean migrate = true;

    @Override
    public void init(Map<String, String> initArgs) {
        if (initArgs.containsKey("servers")) {
            servers = Set.of(initArgs.get("servers").split("\\s*,\\s*"));
        }
        if (initArgs.containsKey("migrate")) {
            migrate = Boolean.parseBoolean(initArgs.get("migrate"));
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        try {
            synchronized (NimbusTestInfrastructure.class) {
                installShutdownHook();
                if (servers.contains("postgres")) {
                    if (postgres == null) {
                        postgres = EmbeddedPostgresServer.start(migrate);
                    }
                    config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
                    config.put("quarkus.datasource.username", "nimbus");
                    config.put("quarkus.datasource.password", "nimbus");
                }
                if (servers.contains("kafka")) {
                    if (kafka == null) {
                        kafka = EmbeddedKafkaServer.start();
                        kafka.createTopic(TOPIC, 4);
                    }
                    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
                }
                if (servers.contains("s3")) {
                    if (s3 == null) {
                        s3 = EmbeddedS3Server.start();
                    }
                    config.put("quarkus.s3.endpoint-override", s3.endpoint());
                    config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", EmbeddedS3Server.ACCESS_KEY);
                    config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", EmbeddedS3Server.SECRET_KEY);
                    config.put("nimbus.s3.bucket", EmbeddedS3Server.BUCKET);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start test infrastructure " + servers, e);
        }
        return config;
    }

    @Override
    public void stop() {
        // shared across test classes; stopped by the shutdown hook
    }

    /** The running PostgreSQL, or null. */
    public static EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** The running Kafka, or null. */
    public static EmbeddedKafkaServer kafka() {
        return kafka;
    }

    /** The running S3 server, or null. */
    public static EmbeddedS3Server s3() {
        return s3;
    }

    private static void installShutdownHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // bounded: a server that hangs while stopping must not keep the test JVM alive
            Thread closer = new Thread(() -> {
                closeQuietly(s3);
                closeQuietly(kafka);
                closeQuietly(postgres);
            }, "nimbus-test-infrastructure-close");
            closer.setDaemon(true);
            closer.start();
            try {
                closer.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nimbus-test-infrastructure-stop"));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Throwable ignored) {
                // the JVM is exiting; nothing useful to do
            }
        }
    }
}
