package org.nimbusdicom.retrieve.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.DependencyUnavailableException;
import org.nimbusdicom.common.model.ByteRange;
import org.nimbusdicom.retrieve.config.RetrieveConfig;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 or PostgreSQL not reachable → 503 (DependencyUnavailableException carries Retry-After), quickly. */
class UnavailableDependenciesTest {

    private static RetrieveConfig config;
    private static int closedPort;

    @BeforeAll
    static void setUp() throws Exception {
        SmallRyeConfig smallRye = new SmallRyeConfigBuilder().withMapping(RetrieveConfig.class)
                .withDefaultValue("nimbus.retrieve.retry-after-seconds", "7")
                // plain SmallRye converts ISO-8601 durations only (Quarkus adds the "10s" form)
                .withDefaultValue("nimbus.retrieve.index.query-timeout", "PT10S")
                .withDefaultValue("nimbus.retrieve.storage.fetch-timeout", "PT30S")
                .build();
        config = smallRye.getConfigMapping(RetrieveConfig.class);
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once closed
        }
    }

    @Test
    void s3DownIsServiceUnavailable() {
        S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(1)).build())
                .build();
        DicomBlobStore store = new DicomBlobStore(s3, "bucket", config, new SimpleMeterRegistry());
        long start = System.nanoTime();
        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class, () -> store.open("studies/x.dcm"));
        assertEquals(503, e.status());
        assertEquals(7, e.retryAfterSeconds());
        assertThrows(DependencyUnavailableException.class, () -> store.openRange("studies/x.dcm", new ByteRange(0, 10)));
        assertThrows(DependencyUnavailableException.class, store::ping);
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "bounded by the client timeouts");
    }

    @Test
    void postgresDownIsServiceUnavailable() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/nimbus");
        dataSource.setUser("nimbus");
        dataSource.setConnectTimeout(2);
        InstanceRepository repository = new InstanceRepository(dataSource, new ObjectMapper(), config);
        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> repository.find("1.2.3", null, null, false));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("PostgreSQL"), e.getMessage());
        assertThrows(DependencyUnavailableException.class, repository::ping);
    }
}
