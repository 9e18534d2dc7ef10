package org.nimbusdicom.delete.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.event.CloudEvent;
import org.nimbusdicom.common.event.DeletedInstance;
import org.nimbusdicom.common.event.DeletionLevel;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.EventTypes;
import org.nimbusdicom.common.event.InstancesDeletedEvent;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.StoreId;
import org.nimbusdicom.delete.support.EventTopicReader;
import org.nimbusdicom.delete.support.FakeQueryService;
import org.nimbusdicom.delete.support.Fixtures;
import org.nimbusdicom.delete.support.Fixtures.Copy;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * DELETE over HTTP against real PostgreSQL (index rows), Kafka (the event) and S3 (the cleanup),
 * with a stand-in for query-service's index-progress wait.
 */
@QuarkusTest
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(FakeQueryService.class)
class DeleteResourceTest {

    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    S3Client s3;

    private Fixtures fixtures;
    private EventTopicReader events;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(s3);
        events = new EventTopicReader(NimbusTestInfrastructure.TOPIC);
        fakeQueryServiceMode("applied");
    }

    @AfterEach
    void tearDown() {
        events.close();
        fakeQueryServiceMode("applied");
    }

    @Test
    void deleteStudyProducesOneStudyEventListingEveryCopyAndCleansStorage() {
        String study = Fixtures.newUid();
        List<Copy> copies = fixtures.study(study, 2, 2);
        String other = Fixtures.newUid();
        List<Copy> untouched = fixtures.study(other, 1, 1);

        given().when().delete("/studies/" + study).then().statusCode(204).header("Warning", nullValue());

        ConsumerRecord<String, byte[]> record = awaitEvent(study);
        CloudEvent cloudEvent = EventCodec.decode(record.value());
        assertEquals(EventTypes.STUDY_DELETED, cloudEvent.type());
        assertEquals("studies/" + study, cloudEvent.subject());
        assertEquals("1.0", cloudEvent.specversion());
        assertEquals("/nimbus/delete-service", cloudEvent.source());
        assertEquals("application/json", cloudEvent.datacontenttype());
        assertNotNull(cloudEvent.id());
        InstancesDeletedEvent data = EventCodec.deletedData(cloudEvent);
        assertEquals(DeletionLevel.STUDY, data.level());
        assertEquals(study, data.studyInstanceUid());
        assertNull(data.seriesInstanceUid());
        assertNull(data.sopInstanceUid());
        assertListsExactly(copies, data.instances());
        assertRecent(data.deletedAt());
        assertEquals("study", cloudEvent.data().get("level").asText(), "wire form of the level");
        assertIndexWaitUsed(record);

        awaitGone(copies);
        Set<String> otherKeys = fixtures.keysUnder(BlobKeys.ROOT_PREFIX + other + "/");
        assertEquals(keysOf(untouched), otherKeys, "another study's objects stay");
    }

    @Test
    void largeStudyIsListedOverSeveralOrderedEventsAndTheWaitIsForTheLast() {
        // the test profile lists at most 4 copies per event (nimbus.delete.events.max-instances-per-event)
        String study = Fixtures.newUid();
        List<Copy> copies = fixtures.study(study, 3, 3);

        given().when().delete("/studies/" + study).then().statusCode(204).header("Warning", nullValue());

        List<ConsumerRecord<String, byte[]>> records = events.awaitAll(r -> study.equals(r.key()), 3,
                Duration.ofSeconds(10));
        List<DeletedInstance> listed = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CloudEvent cloudEvent = EventCodec.decode(record.value());
            assertEquals(EventTypes.STUDY_DELETED, cloudEvent.type());
            InstancesDeletedEvent data = EventCodec.deletedData(cloudEvent);
            assertTrue(data.instances().size() <= 4, "chunk of " + data.instances().size());
            assertEquals(records.get(0).partition(), record.partition(), "one key, one partition: ordered");
            listed.addAll(data.instances());
        }
        assertListsExactly(copies, listed);
        assertIndexWaitUsed(records.get(records.size() - 1));
        awaitGone(copies);
    }

    @Test
    void deleteSeriesListsOnlyThatSeries() {
        String study = Fixtures.newUid();
        List<Copy> copies = fixtures.study(study, 2, 3);
        String series = study + ".2";
        List<Copy> deleted = copies.stream().filter(c -> c.id().seriesInstanceUid().equals(series)).toList();
        List<Copy> kept = copies.stream().filter(c -> !c.id().seriesInstanceUid().equals(series)).toList();

        given().when().delete("/studies/" + study + "/series/" + series).then().statusCode(204)
                .header("Warning", nullValue());

        ConsumerRecord<String, byte[]> record = awaitEvent(study);
        CloudEvent cloudEvent = EventCodec.decode(record.value());
        assertEquals(EventTypes.SERIES_DELETED, cloudEvent.type());
        assertEquals("studies/" + study + "/series/" + series, cloudEvent.subject());
        InstancesDeletedEvent data = EventCodec.deletedData(cloudEvent);
        assertEquals(DeletionLevel.SERIES, data.level());
        assertEquals(study, data.studyInstanceUid());
        assertEquals(series, data.seriesInstanceUid());
        assertNull(data.sopInstanceUid());
        assertListsExactly(deleted, data.instances());
        assertIndexWaitUsed(record);

        awaitGone(deleted);
        assertEquals(keysOf(kept), fixtures.keysUnder(BlobKeys.ROOT_PREFIX + study + "/"));
    }

    @Test
    void deleteInstanceKeepsAConcurrentReStowCopy() {
        String study = Fixtures.newUid();
        String series = study + ".1";
        Copy indexed = fixtures.stored(study, series, series + ".1");
        Copy sibling = fixtures.stored(study, series, series + ".2");
        // a re-STOW of the same UIDs that raced the delete: new store id, not in the index yet
        Copy restowed = fixtures.objectsOnly(study, series, series + ".1", StoreId.next());

        given().when().delete("/studies/" + study + "/series/" + series + "/instances/" + series + ".1")
                .then().statusCode(204).header("Warning", nullValue());

        ConsumerRecord<String, byte[]> record = awaitEvent(study);
        CloudEvent cloudEvent = EventCodec.decode(record.value());
        assertEquals(EventTypes.INSTANCE_DELETED, cloudEvent.type());
        assertEquals("studies/" + study + "/series/" + series + "/instances/" + series + ".1", cloudEvent.subject());
        InstancesDeletedEvent data = EventCodec.deletedData(cloudEvent);
        assertEquals(DeletionLevel.INSTANCE, data.level());
        assertEquals(study, data.studyInstanceUid());
        assertEquals(series, data.seriesInstanceUid());
        assertEquals(series + ".1", data.sopInstanceUid());
        assertEquals(1, data.instances().size());
        DeletedInstance listed = data.instances().get(0);
        assertEquals(series, listed.seriesInstanceUid());
        assertEquals(series + ".1", listed.sopInstanceUid());
        assertEquals(indexed.storeId(), listed.storeId());
        assertEquals(indexed.blobKey(), listed.blobKey());
        assertEquals(indexed.metadataKey(), listed.metadataKey());
        assertIndexWaitUsed(record);

        awaitGone(List.of(indexed));
        Set<String> expected = new TreeSet<>(keysOf(List.of(sibling, restowed)));
        assertEquals(expected, fixtures.keysUnder(BlobKeys.ROOT_PREFIX + study + "/"),
                "the re-STOW copy and the sibling survive");
    }

    @Test
    void missingResourcesAre404NamingTheLevel() {
        String study = Fixtures.newUid();
        String series = study + ".1";
        fixtures.stored(study, series, series + ".1");
        String unknown = Fixtures.newUid();

        given().when().delete("/studies/" + unknown).then().statusCode(404)
                .body("status", equalTo(404)).body("message", containsString("Study " + unknown + " not found"));
        given().when().delete("/studies/" + study + "/series/" + unknown).then().statusCode(404)
                .body("message", containsString("Series " + unknown + " not found"));
        given().when().delete("/studies/" + unknown + "/series/" + series).then().statusCode(404)
                .body("message", containsString("Series"));
        given().when().delete("/studies/" + study + "/series/" + series + "/instances/" + unknown)
                .then().statusCode(404).body("message", containsString("Instance " + unknown + " not found"));
        // the instance exists, but not in that series
        given().when().delete("/studies/" + study + "/series/" + unknown + "/instances/" + series + ".1")
                .then().statusCode(404).body("message", containsString("Instance"));
    }

    @Test
    void invalidUidsAre400NamingTheParameter() {
        String valid = Fixtures.newUid();
        given().when().delete("/studies/1.2.abc").then().statusCode(400)
                .body("status", equalTo(400)).body("message", containsString("StudyInstanceUID"));
        given().when().delete("/studies/" + valid + "/series/01.2").then().statusCode(400)
                .body("message", containsString("SeriesInstanceUID"));
        given().when().delete("/studies/" + valid + "/series/" + valid + "/instances/1..2").then().statusCode(400)
                .body("message", containsString("SOPInstanceUID"));
        given().when().delete("/studies/" + "1." + "2".repeat(70)).then().statusCode(400);
    }

    @Test
    void indexNotAppliedInTimeStill204WithWarning() {
        String study = Fixtures.newUid();
        List<Copy> copies = fixtures.study(study, 1, 1);
        fakeQueryServiceMode("never");

        long start = System.nanoTime();
        Response response = given().when().delete("/studies/" + study);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(204, response.statusCode());
        assertEquals(DeleteResource.INDEX_WARNING, response.header("Warning"));
        assertTrue(millis >= 1900, "waited for the configured 2 s index timeout, took " + millis + " ms");
        assertTrue(millis < 8000, "bounded wait, took " + millis + " ms");
        // the event is durable all the same, and the cleanup runs
        assertEquals(EventTypes.STUDY_DELETED, EventCodec.decode(awaitEvent(study).value()).type());
        awaitGone(copies);
    }

    @Test
    void queryServiceErrorStill204WithWarning() {
        String study = Fixtures.newUid();
        fixtures.study(study, 1, 1);
        fakeQueryServiceMode("error");

        given().when().delete("/studies/" + study).then().statusCode(204)
                .header("Warning", equalTo(DeleteResource.INDEX_WARNING));
    }

    private ConsumerRecord<String, byte[]> awaitEvent(String study) {
        ConsumerRecord<String, byte[]> record = events.await(r -> study.equals(r.key()), Duration.ofSeconds(10));
        assertEquals(study, record.key(), "key = StudyInstanceUID");
        return record;
    }

    private void assertIndexWaitUsed(ConsumerRecord<String, byte[]> record) {
        String token = record.topic() + "/" + record.partition() + "/" + record.offset() + " ";
        String seen = fakeQueryService("GET", "/control/seen");
        assertTrue(seen.lines().anyMatch(l -> l.startsWith(token)),
                "the index wait asked for exactly the produced record " + token + " (seen: " + seen + ")");
    }

    private static void assertListsExactly(List<Copy> expected, List<DeletedInstance> actual) {
        Comparator<DeletedInstance> order = Comparator.comparing(DeletedInstance::sopInstanceUid);
        List<DeletedInstance> want = expected.stream()
                .map(c -> new DeletedInstance(c.id().seriesInstanceUid(), c.id().sopInstanceUid(), c.storeId(),
                        c.blobKey(), c.metadataKey()))
                .sorted(order).toList();
        assertEquals(want, actual.stream().sorted(order).toList());
    }

    private static void assertRecent(String instant) {
        Instant at = Instant.parse(instant);
        assertTrue(Duration.between(at, Instant.now()).abs().toSeconds() < 60, "deletedAt " + instant);
    }

    private void awaitGone(List<Copy> copies) {
        Set<String> keys = keysOf(copies);
        String prefix = BlobKeys.ROOT_PREFIX + copies.get(0).id().studyInstanceUid() + "/";
        long deadline = System.nanoTime() + CLEANUP_TIMEOUT.toNanos();
        Set<String> left;
        do {
            left = fixtures.keysUnder(prefix).stream().filter(keys::contains).collect(Collectors.toSet());
            if (left.isEmpty()) {
                return;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("cleanup left " + left);
    }

    private static Set<String> keysOf(List<Copy> copies) {
        Set<String> keys = new TreeSet<>();
        copies.forEach(c -> {
            keys.add(c.blobKey());
            keys.add(c.metadataKey());
        });
        return keys;
    }

    private static void fakeQueryServiceMode(String mode) {
        fakeQueryService("POST", "/control/mode?value=" + mode);
    }

    static String fakeQueryService(String method, String path) {
        String base = ConfigProvider.getConfig().getValue("nimbus.query-service.url", String.class);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, response.statusCode());
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
