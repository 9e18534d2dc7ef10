package org.nimbusdicom.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.Vetoed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusdicom.common.error.DependencyUnavailableException;
import org.nimbusdicom.common.error.FailureReason;
import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.mime.MultipartRelatedWriter;
import org.nimbusdicom.store.config.StoreConfig;
import org.nimbusdicom.store.event.EventNotPublishedException;
import org.nimbusdicom.store.event.EventOutcomeUnknownException;
import org.nimbusdicom.store.event.IndexProgressClient;
import org.nimbusdicom.store.event.InstanceEventPublisher;
import org.nimbusdicom.store.event.PublishedEvent;
import org.nimbusdicom.store.storage.DicomBlobStore;

/**
 * The orchestration rules with in-memory stand-ins for S3, Kafka, the index and query-service
 * (the real ones are covered by the component tests): partial failures, compensation, the
 * read-your-writes token.
 */
class StoreOrchestratorTest {

    private static final String STUDY = "1.2.826.0.1.3680043.8.498.13230779778012324449356534479549187420";

    @TempDir
    Path staging;

    private FakeBlobStore blobs;
    private FakePublisher publisher;
    private FakeIndex index;
    private FakeIndexProgress progress;
    private StoreOrchestrator orchestrator;

    private StoreConfig config;

    @BeforeEach
    void setUp() {
        config = new TestStoreConfig(8L << 20, staging);
        blobs = new FakeBlobStore(config);
        publisher = new FakePublisher(config);
        index = new FakeIndex(config);
        progress = new FakeIndexProgress();
        orchestrator = new StoreOrchestrator(new PartStager(config), new InstanceParser(), index, new StoredInstanceMapper(),
                blobs, publisher, progress, config);
    }

    @Test
    void kafkaFailingAfterAStoredInstanceGives202WithRetryAfterAndCompensates() throws IOException {
        publisher.failFrom = 1; // the second publish fails
        Body body = multipart(seed("green-square.dcm"), seed("red-triangle.dcm"), seed("blue-circle.dcm"));
        StoreResult result = orchestrator.store(body.in(), body.contentType(), null);
        assertEquals(202, result.httpStatus());
        assertEquals(1, result.stored().size());
        assertEquals(1, result.failed().size(), "processing stops at the failing part");
        InstanceFailure failure = result.failed().get(0);
        assertEquals(FailureReason.PROCESSING_FAILURE, failure.failureReason());
        assertEquals("1.2.826.0.1.3680043.8.498.47359123102728459884412887463296905395", failure.sopInstanceUid());
        assertEquals(9, result.retryAfterSeconds());
        // the red triangle's blob and metadata were uploaded, then deleted again
        assertEquals(4, blobs.puts.size());
        assertEquals(2, blobs.deletes.size());
        assertTrue(blobs.deletes.containsAll(blobs.puts.subList(2, 4)));
        assertEquals(0, countFiles(staging), "staging files removed");
    }

    @Test
    void kafkaFailingBeforeAnythingWasStoredIsA503() throws IOException {
        publisher.failFrom = 0;
        Body body = multipart(seed("green-square.dcm"));
        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> orchestrator.store(body.in(), body.contentType(), null));
        assertEquals(503, e.status());
        assertEquals(new java.util.HashSet<>(blobs.puts), new java.util.HashSet<>(blobs.deletes), "every upload undone");
        assertTrue(progress.waits.isEmpty());
    }

    @Test
    void eventNotAcknowledgedInTimeKeepsTheUploads() throws IOException {
        // the record may still be delivered after the 503: deleting its blob could leave an index
        // row without a blob, keeping it leaves at worst an orphan for the sweeper
        publisher.unknownFrom = 0;
        Body body = multipart(seed("green-square.dcm"));
        DependencyUnavailableException e = assertThrows(EventOutcomeUnknownException.class,
                () -> orchestrator.store(body.in(), body.contentType(), null));
        assertEquals(503, e.status());
        assertEquals(9, e.retryAfterSeconds());
        assertEquals(2, blobs.puts.size(), "blob and metadata uploaded");
        assertTrue(blobs.deletes.isEmpty(), "nothing deleted: " + blobs.deletes);
    }

    @Test
    void brokerThatNeverAcknowledgesGives503WithinTheAckTimeoutAndKeepsTheUploads() throws IOException {
        // the state of the producer right after a broker crash: send() accepts the record (cached
        // metadata) and no acknowledgement ever comes; the delivery timeout would hold the request
        MockProducer<String, byte[]> neverAcks = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        StoreOrchestrator withKafka = orchestratorWith(new MockProducerPublisher(config, neverAcks));
        Body body = multipart(seed("green-square.dcm"));
        long start = System.nanoTime();
        DependencyUnavailableException e = assertThrows(EventOutcomeUnknownException.class,
                () -> withKafka.store(body.in(), body.contentType(), null));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, e.status());
        assertEquals(1, neverAcks.history().size(), "the record was handed to the producer");
        assertTrue(millis >= 500 && millis < 1_500, "waited the 500 ms ack timeout, not the delivery timeout: " + millis);
        assertEquals(2, blobs.puts.size());
        assertTrue(blobs.deletes.isEmpty(), "kept: the record may still be delivered " + blobs.deletes);
    }

    @Test
    void producerRefusingTheRecordGives503AndDeletesTheUploads() throws IOException {
        MockProducer<String, byte[]> refuses = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        refuses.sendException = new org.apache.kafka.common.errors.TimeoutException("no metadata within max.block");
        StoreOrchestrator withKafka = orchestratorWith(new MockProducerPublisher(config, refuses));
        Body body = multipart(seed("green-square.dcm"));
        assertThrows(EventNotPublishedException.class, () -> withKafka.store(body.in(), body.contentType(), null));
        assertEquals(new java.util.HashSet<>(blobs.puts), new java.util.HashSet<>(blobs.deletes),
                "the event can never exist: every upload undone");
    }

    @Test
    void waitsOncePerPartitionForTheHighestOffset() throws IOException {
        Body body = multipart(seed("green-square.dcm"), seed("red-triangle.dcm"), seed("blue-circle.dcm"));
        StoreResult result = orchestrator.store(body.in(), body.contentType(), STUDY);
        assertEquals(200, result.httpStatus());
        assertTrue(result.indexUpdated());
        // all three share the study key, so one partition: offsets 0, 1, 2 -> one wait at 2
        assertEquals(List.of(new PublishedEvent("t", 0, 2)), progress.waits);
        assertEquals(3, publisher.events.size());
        assertNull(result.retryAfterSeconds());

        progress.applied = false;
        Body again = multipart(StoreOrchestratorTest.withSuffix(seed("green-square.dcm"), "1"));
        assertFalse(orchestrator.store(again.in(), again.contentType(), null).indexUpdated());
    }

    @Test
    void brokenFramingAfterACompletePartKeepsWhatWasStored() throws IOException {
        Body body = multipart(seed("green-square.dcm"), seed("red-triangle.dcm"));
        byte[] bytes = body.bytes();
        // cut in the middle of the second part: its body never reaches a delimiter
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1_000_000);
        StoreResult result = orchestrator.store(new ByteArrayInputStream(truncated), body.contentType(), null);
        assertEquals(202, result.httpStatus());
        assertEquals(1, result.stored().size());
        assertEquals(FailureReason.CANNOT_UNDERSTAND, result.failed().get(0).failureReason());

        byte[] firstOnlyBroken = Arrays.copyOf(bytes, 1000);
        assertThrows(InvalidRequestException.class,
                () -> orchestrator.store(new ByteArrayInputStream(firstOnlyBroken), body.contentType(), null));
    }

    @Test
    void indexedDuplicateIsRejectedWithoutTouchingStorage() throws IOException {
        index.existing = Optional.of("01a213d003d7221e8034cf886bd3dc53");
        Body body = multipart(seed("green-square.dcm"));
        StoreResult result = orchestrator.store(body.in(), body.contentType(), null);
        assertEquals(409, result.httpStatus());
        assertEquals(FailureReason.SOP_INSTANCE_ALREADY_EXISTS, result.failed().get(0).failureReason());
        assertTrue(blobs.puts.isEmpty());
        assertTrue(publisher.events.isEmpty());
    }

    // ---- fixtures ----

    private record Body(String contentType, byte[] bytes) {
        InputStream in() {
            return new ByteArrayInputStream(bytes);
        }
    }

    private static Body multipart(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartRelatedWriter writer = new MultipartRelatedWriter(out);
        for (byte[] part : parts) {
            writer.writePart("application/dicom", Map.of(), part);
        }
        writer.close();
        return new Body(writer.contentType("application/dicom"), out.toByteArray());
    }

    static byte[] seed(String name) {
        try (InputStream in = StoreOrchestratorTest.class.getResourceAsStream("/seed/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the last digit of the green square's SOP Instance UID. */
    static byte[] withSuffix(byte[] file, String digit) {
        String sop = "1.2.826.0.1.3680043.8.498.12714725698140337137334606354172323212";
        byte[] from = sop.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] to = (sop.substring(0, sop.length() - 1) + digit).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] copy = file.clone();
        for (int i = 0; i <= copy.length - from.length; i++) {
            if (Arrays.equals(copy, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, copy, i, to.length);
            }
        }
        return copy;
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Vetoed // a test double, not a bean of the @QuarkusTest application
    private static final class FakeBlobStore extends DicomBlobStore {
        final List<String> puts = new ArrayList<>();
        final List<String> deletes = new ArrayList<>();

        FakeBlobStore(StoreConfig config) {
            super(null, "bucket", config);
        }

        @Override
        public void putBlob(String key, Path file, long size) {
            assertEquals(size, file.toFile().length());
            puts.add(key);
        }

        @Override
        public void putMetadata(String key, byte[] json) {
            puts.add(key);
        }

        @Override
        public void deleteQuietly(String key) {
            deletes.add(key);
        }
    }

    @Vetoed // a test double, not a bean of the @QuarkusTest application
    private static final class FakePublisher extends InstanceEventPublisher {
        final List<InstanceStoredEvent> events = new ArrayList<>();
        int failFrom = Integer.MAX_VALUE;
        int unknownFrom = Integer.MAX_VALUE;
        private int calls;

        FakePublisher(StoreConfig config) {
            super(config, "127.0.0.1:1", "t");
        }

        @Override
        public PublishedEvent publish(InstanceStoredEvent data) {
            int call = calls++;
            if (call >= unknownFrom) {
                throw new EventOutcomeUnknownException(9, null);
            }
            if (call >= failFrom) {
                throw new EventNotPublishedException(9, null);
            }
            events.add(data);
            return new PublishedEvent("t", Math.abs(data.studyInstanceUid().hashCode()) % 1, events.size() - 1);
        }
    }

    private StoreOrchestrator orchestratorWith(InstanceEventPublisher kafka) {
        return new StoreOrchestrator(new PartStager(config), new InstanceParser(), index, new StoredInstanceMapper(),
                blobs, kafka, progress, config);
    }

    /** The real publisher with Kafka's MockProducer in place of the network producer. */
    @Vetoed // a test double, not a bean of the @QuarkusTest application
    private static final class MockProducerPublisher extends InstanceEventPublisher {
        private final MockProducer<String, byte[]> mock;

        MockProducerPublisher(StoreConfig config, MockProducer<String, byte[]> mock) {
            super(config, "127.0.0.1:1", "t");
            this.mock = mock;
        }

        @Override
        protected Producer<String, byte[]> createProducer() {
            return mock;
        }
    }

    @Vetoed // a test double, not a bean of the @QuarkusTest application
    private static final class FakeIndex extends InstanceIndexRepository {
        Optional<String> existing = Optional.empty();

        FakeIndex(StoreConfig config) {
            super(null, config);
        }

        @Override
        public Optional<String> findStoreId(String sopInstanceUid) {
            return existing;
        }
    }

    @Vetoed // a test double, not a bean of the @QuarkusTest application
    private static final class FakeIndexProgress extends IndexProgressClient {
        final List<PublishedEvent> waits = new ArrayList<>();
        boolean applied = true;

        FakeIndexProgress() {
            super("http://127.0.0.1:1");
        }

        @Override
        public boolean awaitApplied(PublishedEvent event, Duration timeout) {
            assertTrue(timeout.toMillis() <= 2000);
            waits.add(event);
            return applied;
        }
    }
}
