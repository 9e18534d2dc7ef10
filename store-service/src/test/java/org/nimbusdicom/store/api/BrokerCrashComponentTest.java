package org.nimbusdicom.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.store.api.StowRequests.GREEN;
import static org.nimbusdicom.store.api.StowRequests.RED;
import static org.nimbusdicom.store.api.StowRequests.SERIES_A;
import static org.nimbusdicom.store.api.StowRequests.STUDY;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.store.event.IndexProgressStub;
import org.nimbusdicom.testsupport.EmbeddedKafkaServer;
import org.nimbusdicom.testsupport.EmbeddedS3Server;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The broker dies while the producer still has the topic's metadata cached (issue 11): {@code
 * send()} does not block, the record waits for an acknowledgement that cannot come. The STOW must
 * still answer 503 + Retry-After within 2 s (ack timeout 1.2 s), not after the 8 s delivery
 * timeout, and keep the uploaded blob, because the record may still be delivered.
 */
@QuarkusTest
@TestProfile(BrokerCrashComponentTest.OwnBroker.class)
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(IndexProgressStub.class)
class BrokerCrashComponentTest {

    /** The producer talks to a broker of its own, which the test stops (the shared one stays up). */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(DedicatedKafka.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // the production defaults, stated so the test measures what runs in production
            return Map.of("nimbus.store.kafka.ack-timeout", "1200ms",
                    "nimbus.store.kafka.delivery-timeout", "8s",
                    "nimbus.store.retry-after-seconds", "6");
        }
    }

    /** A second in-JVM broker, stopped by the test. */
    public static class DedicatedKafka implements QuarkusTestResourceLifecycleManager {
        static volatile EmbeddedKafkaServer broker;

        @Override
        public Map<String, String> start() {
            try {
                broker = EmbeddedKafkaServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the dedicated broker", e);
            }
            return Map.of("nimbus.store.kafka.bootstrap-servers", broker.bootstrapServers());
        }

        @Override
        public void stop() {
            stopBroker();
        }

        static synchronized void stopBroker() {
            if (broker != null) {
                try {
                    broker.close();
                } catch (Exception e) {
                    System.err.println("[test] closing the dedicated broker: " + e);
                }
                broker = null;
            }
        }
    }

    @Inject
    S3Client s3;

    @Test
    void firstStowAfterTheBrokerDiedAnswers503WithinTwoSecondsAndKeepsTheBlob() {
        byte[] green = StudiesStoreResourceComponentTest.withNewSopInstanceUid(StowRequests.seed("green-square.dcm"), GREEN);
        StowRequests.Body warm = StowRequests.multipart(green);
        StowClient.Reply ok = StudiesStoreResourceComponentTest.post("/studies", warm.contentType(), warm.bytes());
        assertEquals(200, ok.statusCode(), "the producer knows the topic before the crash: " + ok.asString());

        DedicatedKafka.stopBroker();

        byte[] red = StudiesStoreResourceComponentTest.withNewSopInstanceUid(StowRequests.seed("red-triangle.dcm"), RED);
        String redSop = StudiesStoreResourceComponentTest.sopOf(red, RED);
        StowRequests.Body body = StowRequests.multipart(red);
        long start = System.nanoTime();
        StowClient.Reply reply = StudiesStoreResourceComponentTest.post("/studies", body.contentType(), body.bytes());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(503, reply.statusCode(), reply.asString());
        assertEquals("6", reply.header("Retry-After"));
        assertTrue(millis < 2_000, "503 within 2 s of the request, took " + millis + " ms");
        System.out.println("[BrokerCrashComponentTest] first STOW after the broker died: 503 in " + millis + " ms");
        // the record is still in the producer's hands: the blob and metadata it points to stay
        String prefix = BlobKeys.instancePrefix(new InstanceIdentifier(STUDY, SERIES_A, redSop));
        assertFalse(s3.listObjectsV2(b -> b.bucket(EmbeddedS3Server.BUCKET).prefix(prefix)).contents().isEmpty(),
                "blob and metadata kept while the event's outcome is unknown");
    }
}
