package org.nimbusdicom.tools.loader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.io.InstanceScanner;
import org.nimbusdicom.common.io.ScanOptions;
import org.nimbusdicom.common.io.ScannedInstance;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.DicomUid;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.common.model.StoreId;
import org.nimbusdicom.store.ingest.ParsedInstance;
import org.nimbusdicom.store.ingest.StoredInstanceMapper;

/**
 * Loads an index fast for benchmarks: for every {@code *.dcm} below {@code --data} it scans the
 * file with the codec's {@link InstanceScanner} and produces the {@code instance.stored.v1} event
 * that store-service would publish for it, built by store-service's own
 * {@link StoredInstanceMapper} (so the event cannot drift from the real one), with a fresh store
 * id and the real blob/metadata keys, keyed by StudyInstanceUID like store-service.
 *
 * <p>The blobs are <em>not</em> uploaded: QIDO needs only the index, and STOW through the gateway
 * loads ~60 instances/s on the shared machine (100k would take half an hour), which issue 6
 * explicitly allows to bypass. WADO of loaded instances therefore answers an error; the
 * benchmark's {@code lag} phase STOWs instances of its own.
 *
 * <pre>
 * java -cp ... org.nimbusdicom.tools.loader.StoredEventLoader --data /tmp/q100k/data/i100k \
 *      --bootstrap-servers 127.0.0.1:39092 [--topic dicom.instance-events] [--limit N]
 * </pre>
 */
public final class StoredEventLoader {

    private StoredEventLoader() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path data = Path.of(require(options, "data"));
        String bootstrap = options.getOrDefault("bootstrap-servers", "127.0.0.1:19092");
        String topic = options.getOrDefault("topic", "dicom.instance-events");
        String source = options.getOrDefault("source", "/nimbus/store-service");
        long limit = Long.parseLong(options.getOrDefault("limit", String.valueOf(Long.MAX_VALUE)));

        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            // sorted: the same data set is produced in the same order on every run
            files = walk.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().limit(limit)
                    .collect(Collectors.toList());
        }
        System.out.printf("%d files below %s -> %s @ %s%n", files.size(), data, topic, bootstrap);

        StoredInstanceMapper mapper = new StoredInstanceMapper();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failedSends = new AtomicLong();
        AtomicReference<Exception> firstSendError = new AtomicReference<>();
        long unreadable = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            long produced = 0;
            for (Path file : files) {
                ParsedInstance parsed;
                try {
                    parsed = scan(file);
                } catch (IOException | RuntimeException e) {
                    unreadable++;
                    System.err.printf("skipped %s: %s%n", file, e.getMessage());
                    continue;
                }
                InstanceIdentifier id = parsed.identifier();
                String storeId = StoreId.next();
                InstanceStoredEvent event = mapper.storedEvent(parsed, storeId, BlobKeys.blobKey(id, storeId),
                        BlobKeys.metadataKey(id, storeId), Instant.now());
                producer.send(new ProducerRecord<>(topic, id.studyInstanceUid(), EventCodec.encodeStored(event, source)),
                        (metadata, error) -> {
                            if (error == null) {
                                acknowledged.incrementAndGet();
                            } else {
                                failedSends.incrementAndGet();
                                firstSendError.compareAndSet(null, error);
                            }
                        });
                if (++produced % 10_000 == 0) {
                    System.out.printf("  %d produced, %d acknowledged, %.1f s%n", produced, acknowledged.get(),
                            (System.nanoTime() - start) / 1e9);
                }
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("done: %d acknowledged, %d send failures, %d unreadable files, %.1f s (%.0f events/s)%n",
                acknowledged.get(), failedSends.get(), unreadable, seconds, acknowledged.get() / seconds);
        if (firstSendError.get() != null) {
            System.err.println("first send error: " + firstSendError.get());
        }
        if (failedSends.get() > 0 || unreadable > 0) {
            System.exit(1);
        }
    }

    /** What store-service's InstanceParser does for a staged part: scan, then the four UIDs. */
    static ParsedInstance scan(Path file) throws IOException {
        ScannedInstance scanned;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            scanned = InstanceScanner.scan(in, ScanOptions.defaults());
        }
        Attributes dataset = scanned.dataset();
        InstanceIdentifier id = new InstanceIdentifier(uid(dataset, Tag.StudyInstanceUID),
                uid(dataset, Tag.SeriesInstanceUID), uid(dataset, Tag.SOPInstanceUID));
        return new ParsedInstance(id, uid(dataset, Tag.SOPClassUID), scanned);
    }

    private static String uid(Attributes dataset, int tag) {
        return DicomUid.unpad(dataset.getString(tag));
    }

    /** store-service's durability (acks=all, idempotent) but batched: throughput, not per-request latency. */
    private static Map<String, Object> producerProperties(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "nimbus-index-loader");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return props;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --data DIR [--bootstrap-servers H:P] [--topic T] "
                        + "[--source S] [--limit N]; bad argument: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }
}
