package org.nimbusdicom.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.nimbusdicom.common.event.DeletedInstance;
import org.nimbusdicom.common.event.DeletionLevel;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.event.InstancesDeletedEvent;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.common.model.StoreId;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/** Shared helpers of the query-service tests: UIDs, events on the real topic, index reads. */
public final class QueryTestSupport {

    public static final String TOPIC = NimbusTestInfrastructure.TOPIC;
    public static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4";
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static KafkaProducer<byte[], byte[]> producer;

    private QueryTestSupport() {
    }

    /** A fresh UID (2.25 + random integer). */
    public static String uid() {
        return "2.25." + new BigInteger(1, randomBytes(15));
    }

    /** A short random token, for test-unique attribute values. */
    public static String token() {
        return new BigInteger(1, randomBytes(5)).toString(36).toUpperCase();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        b[0] |= 1; // never a leading zero component
        return b;
    }

    /** A DICOM JSON attributes builder. */
    public static final class Attrs {
        private final ObjectNode node = JSON.objectNode();

        public Attrs put(String tag, String vr, Object... values) {
            ObjectNode element = node.putObject(tag);
            element.put("vr", vr);
            if (values.length > 0) {
                var array = element.putArray("Value");
                for (Object v : values) {
                    if ("PN".equals(vr)) {
                        array.addObject().put("Alphabetic", (String) v);
                    } else if (v instanceof Integer i) {
                        array.add(i);
                    } else {
                        array.add((String) v);
                    }
                }
            }
            return this;
        }

        public ObjectNode node() {
            return node;
        }
    }

    public static Attrs attrs() {
        return new Attrs();
    }

    /** A stored event with a fresh store id. */
    public static InstanceStoredEvent stored(String study, String series, String sop, String sopClass, Attrs attrs) {
        return stored(study, series, sop, sopClass, StoreId.next(), attrs);
    }

    public static InstanceStoredEvent stored(String study, String series, String sop, String sopClass, String storeId,
            Attrs attrs) {
        return new InstanceStoredEvent(study, series, sop, sopClass, EXPLICIT_LE, storeId,
                BlobKeys.blobKey(new InstanceIdentifier(study, series, sop), storeId),
                BlobKeys.metadataKey(new InstanceIdentifier(study, series, sop), storeId),
                1234, 1, null, List.of(), attrs.node(), Instant.now().toString());
    }

    /** A deleted event for the given copies. */
    public static InstancesDeletedEvent deleted(DeletionLevel level, String study, String series, String sop,
            List<InstanceStoredEvent> copies) {
        List<DeletedInstance> instances = new ArrayList<>();
        for (InstanceStoredEvent e : copies) {
            instances.add(new DeletedInstance(e.seriesInstanceUid(), e.sopInstanceUid(), e.storeId(), e.blobKey(), e.metadataKey()));
        }
        return new InstancesDeletedEvent(level, study, series, sop, instances, Instant.now().toString());
    }

    /** Sends a raw record (key = study UID) and returns its metadata. */
    public static RecordMetadata send(String key, byte[] value) {
        try {
            return producer().send(new ProducerRecord<>(TOPIC, key == null ? null : key.getBytes(), value))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RecordMetadata send(InstanceStoredEvent e) {
        return send(e.studyInstanceUid(), EventCodec.encodeStored(e, "/test"));
    }

    public static RecordMetadata send(InstancesDeletedEvent e) {
        return send(e.studyInstanceUid(), EventCodec.encodeDeleted(e, "/test"));
    }

    private static synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(Map.of("bootstrap.servers", NimbusTestInfrastructure.kafka().bootstrapServers(),
                    "acks", "all", "enable.idempotence", "true"));
            producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Waits (polling the table) until index_progress of the record's partition passes its offset. */
    public static void awaitIndexed(RecordMetadata m) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Long next = queryLong("SELECT next_offset FROM index_progress WHERE topic = ? AND partition = ?",
                    m.topic(), m.partition());
            if (next != null && next > m.offset()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not indexed within 30 s: " + m);
    }

    /** Sends every event and waits until all are indexed. */
    public static void sendAndAwait(Object... events) {
        List<RecordMetadata> sent = new ArrayList<>();
        for (Object e : events) {
            sent.add(e instanceof InstanceStoredEvent s ? send(s) : send((InstancesDeletedEvent) e));
        }
        sent.forEach(QueryTestSupport::awaitIndexed);
    }

    public static Connection connect() throws SQLException {
        return NimbusTestInfrastructure.postgres().connect();
    }

    /** A single long (or null) from a query. */
    public static Long queryLong(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A single string (or null) from a query. */
    public static String queryString(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) {
        try (Connection c = connect(); var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
