package org.nimbusdicom.retrieve.metadata;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.event.DeletedInstance;
import org.nimbusdicom.common.event.DeletionLevel;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.event.InstancesDeletedEvent;
import org.nimbusdicom.retrieve.IndexFixtures;
import org.nimbusdicom.retrieve.IndexFixtures.Stored;
import org.nimbusdicom.retrieve.S3TrafficRecorder;
import org.nimbusdicom.retrieve.TestS3;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * Warming against the real broker and S3 server: stored events put the metadata objects in the
 * cache before any request, so the series metadata request makes no S3 read; a deleted event
 * drops them again.
 */
@QuarkusTest
@TestProfile(MetadataWarmingComponentTest.WarmingOn.class)
@QuarkusTestResource(value = NimbusTestInfrastructure.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "servers", value = "postgres,kafka,s3"))
class MetadataWarmingComponentTest {

    /** Warming on (the test configuration turns it off for every other test). */
    public static class WarmingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nimbus.retrieve.metadata-cache.warming.enabled", "true");
        }
    }

    private static final String[] FILES = {"CT_small.dcm", "MR_small.dcm", "rtdose.dcm"};
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MetadataCache cache;

    @Test
    void storedEventsWarmTheCacheAndDeletedEventsDropIt() throws Exception {
        IndexFixtures fixtures = TestS3.fixtures();
        String study = IndexFixtures.newUid();
        String series = IndexFixtures.newUid();
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < FILES.length; i++) {
            stored.add(fixtures.storeCorpusFile(FILES[i], study, series, i + 1));
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (Stored s : stored) {
                producer.send(new ProducerRecord<>(NimbusTestInfrastructure.TOPIC, study, EventCodec.encodeStored(
                        new InstanceStoredEvent(study, series, s.id().sopInstanceUid(), "1.2.840.10008.5.1.4.1.1.2",
                                s.transferSyntaxUid(), s.storeId(), s.blobKey(), s.metadataKey(), s.blob().length, null,
                                null, null, null, "2026-11-25T00:00:00Z"), "test"))).get();
            }
            await(() -> stored.stream().allMatch(s -> cache.get(s.metadataKey()) != null), "metadata warmed");

            S3TrafficRecorder.reset();
            String body = given().get("/studies/" + study + "/series/" + series + "/metadata")
                    .then().statusCode(200).extract().asString();
            assertEquals(FILES.length, MAPPER.readTree(body).size());
            assertTrue(S3TrafficRecorder.gets().isEmpty(), "served from the warmed cache: " + S3TrafficRecorder.gets());

            Stored first = stored.get(0);
            producer.send(new ProducerRecord<>(NimbusTestInfrastructure.TOPIC, study, EventCodec.encodeDeleted(
                    new InstancesDeletedEvent(DeletionLevel.INSTANCE, study, series, first.id().sopInstanceUid(),
                            List.of(new DeletedInstance(series, first.id().sopInstanceUid(), first.storeId(),
                                    first.blobKey(), first.metadataKey())), "2026-11-25T00:00:01Z"), "test"))).get();
            await(() -> cache.get(first.metadataKey()) == null, "deleted metadata dropped");
            assertNull(cache.get(first.metadataKey()));
            assertNotNull(cache.get(stored.get(1).metadataKey()));
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NimbusTestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(50);
        }
    }
}
