package org.nimbusdicom.query.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.event.CloudEvent;
import org.nimbusdicom.common.event.DeletedInstance;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.EventTypes;
import org.nimbusdicom.common.event.InstancesDeletedEvent;
import org.nimbusdicom.common.event.MalformedEventException;
import org.nimbusdicom.common.model.DicomUid;
import org.nimbusdicom.common.model.StoreId;

/**
 * Applies one polled batch of events to the index in ONE PostgreSQL transaction that also moves
 * {@code index_progress} of every partition in the batch: the index and the consumed position
 * change together or not at all (exactly-once effect). Records below the stored position of
 * their partition are skipped, so a re-delivered batch (after a crash between commit and the
 * next poll, or a rebalance) changes nothing.
 *
 * <p>Malformed events (not decodable, invalid identifiers, or values PostgreSQL refuses) are
 * handed back as dead letters and skipped; they never block the partition. The fast path runs
 * without savepoints; only when a statement fails with a data error is the batch re-run with one
 * savepoint per event to single out the bad records.
 */
@ApplicationScoped
public class IndexBatchService {

    private static final Logger LOG = Logger.getLogger(IndexBatchService.class);

    private final AgroalDataSource dataSource;
    private final IndexRepository repository;
    private final InstanceRowMapper rowMapper;

    public IndexBatchService(AgroalDataSource dataSource, IndexRepository repository, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.repository = repository;
        this.rowMapper = new InstanceRowMapper(mapper);
    }

    /** A record that could not be applied, to be published to the dead-letter topic. */
    public record DeadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    }

    /** What a committed batch did. */
    public record BatchResult(Map<TopicPartition, Long> nextOffsets, int applied, int skipped, int ignored,
            List<DeadLetter> deadLetters, List<Instant> eventTimes) {
    }

    /** Receives dead letters inside the transaction, before commit; failing aborts the batch. */
    @FunctionalInterface
    public interface DeadLetterSink {
        void publish(List<DeadLetter> deadLetters) throws Exception;
    }

    /**
     * Applies a batch and commits it.
     *
     * @throws SQLException when PostgreSQL fails for a reason other than bad data (the caller retries)
     */
    public BatchResult apply(String topic, ConsumerRecords<byte[], byte[]> records, DeadLetterSink deadLetterSink)
            throws Exception {
        try {
            return apply(topic, records, deadLetterSink, false);
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            LOG.warnf("a record of the batch was refused by PostgreSQL (%s: %s); re-applying with per-event savepoints",
                    e.getSQLState(), e.getMessage());
            return apply(topic, records, deadLetterSink, true);
        }
    }

    private BatchResult apply(String topic, ConsumerRecords<byte[], byte[]> records, DeadLetterSink deadLetterSink,
            boolean careful) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                BatchResult result = applyInTransaction(c, topic, records, careful);
                if (!result.deadLetters().isEmpty()) {
                    deadLetterSink.publish(result.deadLetters());
                }
                c.commit();
                return result;
            } catch (Exception e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the pool validates or discards broken connections
                }
            }
        }
    }

    private BatchResult applyInTransaction(Connection c, String topic, ConsumerRecords<byte[], byte[]> records,
            boolean careful) throws SQLException {
        Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
        Tally tally = new Tally();
        List<IndexedInstance> pending = new ArrayList<>();
        for (TopicPartition tp : records.partitions()) {
            long next = repository.lockProgress(c, tp.topic(), tp.partition());
            long position = next;
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                if (record.offset() < next) {
                    tally.skipped++; // applied before: re-delivery after a crash or rebalance
                    continue;
                }
                position = record.offset() + 1;
                if (careful) {
                    applyCarefully(c, record, tally);
                    continue;
                }
                Object event;
                try {
                    event = decode(record, tally.eventTimes);
                } catch (MalformedEventException e) {
                    tally.deadLetters.add(new DeadLetter(record, e.getMessage()));
                    continue;
                }
                if (event instanceof IndexedInstance stored) {
                    pending.add(stored);
                } else if (event instanceof InstancesDeletedEvent deleted) {
                    flush(c, pending, tally); // keep the order: stored events before this delete first
                    applyDelete(c, deleted, tally);
                } else {
                    tally.ignored++;
                }
            }
            if (position > next) {
                repository.saveProgress(c, tp.topic(), tp.partition(), position);
            }
            nextOffsets.put(tp, Math.max(position, next));
        }
        flush(c, pending, tally);
        repository.recompute(c, tally.touchedSeries, tally.touchedStudies);
        return new BatchResult(nextOffsets, tally.applied, tally.skipped, tally.ignored, tally.deadLetters, tally.eventTimes);
    }

    /** Mutable counters and touched keys of one batch. */
    private static final class Tally {
        final Set<String> touchedSeries = new LinkedHashSet<>();
        final Set<String> touchedStudies = new LinkedHashSet<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<Instant> eventTimes = new ArrayList<>();
        int applied;
        int skipped;
        int ignored;
    }

    /**
     * Applies consecutive stored events with a constant number of round trips: one lookup of
     * already indexed SOP Instance UIDs and tombstones, then one JDBC batch each for the (merged)
     * studies, series and instances. Same outcome as applying them one by one.
     */
    private void flush(Connection c, List<IndexedInstance> pending, Tally tally) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        List<String> sops = new ArrayList<>(pending.size());
        List<String> storeIds = new ArrayList<>(pending.size());
        for (IndexedInstance row : pending) {
            sops.add(row.instance().sopInstanceUid());
            storeIds.add(row.instance().storeId());
        }
        Map<String, String> indexed = repository.indexedStoreIds(c, sops);
        Set<String> tombstoned = repository.tombstoned(c, storeIds);
        Set<String> claimed = new HashSet<>(indexed.keySet());
        Map<String, IndexedInstance.Study> studies = new LinkedHashMap<>();
        Map<String, IndexedInstance.Series> series = new LinkedHashMap<>();
        List<IndexedInstance.Instance> inserts = new ArrayList<>();
        for (IndexedInstance row : pending) {
            IndexedInstance.Instance in = row.instance();
            if (tombstoned.contains(in.storeId())) {
                tally.ignored++;
                continue;
            }
            if (!claimed.add(in.sopInstanceUid())) {
                String existing = indexed.get(in.sopInstanceUid());
                if (existing != null && !existing.equals(in.storeId())) {
                    LOG.debugf("instance %s already indexed with another store id; %s stays unreferenced (orphan)",
                            in.sopInstanceUid(), in.storeId());
                }
                tally.ignored++;
                continue;
            }
            studies.merge(row.study().studyInstanceUid(), row.study(), IndexedInstance.Study::mergedWith);
            series.merge(row.series().seriesInstanceUid(), row.series(), IndexedInstance.Series::mergedWith);
            inserts.add(in);
        }
        pending.clear();
        if (inserts.isEmpty()) {
            return;
        }
        repository.upsertStudies(c, studies.values());
        repository.upsertSeries(c, series.values());
        boolean[] inserted = repository.insertInstances(c, inserts);
        for (int k = 0; k < inserted.length; k++) {
            if (inserted[k]) {
                tally.applied++;
                tally.touchedSeries.add(inserts.get(k).seriesInstanceUid());
                tally.touchedStudies.add(inserts.get(k).studyInstanceUid());
            } else {
                tally.ignored++; // indexed concurrently by another replica: first writer wins
            }
        }
        // a series created for instances that all lost a race is dropped by the recomputation
        tally.touchedSeries.addAll(series.keySet());
        tally.touchedStudies.addAll(studies.keySet());
    }

    /** The slow path: one savepoint per record, so a record PostgreSQL refuses is dead-lettered alone. */
    private void applyCarefully(Connection c, ConsumerRecord<byte[], byte[]> record, Tally tally) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            Object event = decode(record, tally.eventTimes);
            if (event instanceof IndexedInstance row) {
                if (repository.insertInstance(c, row) == IndexRepository.InsertOutcome.INSERTED) {
                    tally.applied++;
                    tally.touchedSeries.add(row.series().seriesInstanceUid());
                    tally.touchedStudies.add(row.study().studyInstanceUid());
                } else {
                    tally.ignored++;
                }
            } else if (event instanceof InstancesDeletedEvent deleted) {
                applyDelete(c, deleted, tally);
            } else {
                tally.ignored++;
            }
            c.releaseSavepoint(savepoint);
        } catch (MalformedEventException e) {
            c.rollback(savepoint);
            tally.deadLetters.add(new DeadLetter(record, e.getMessage()));
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            c.rollback(savepoint);
            tally.deadLetters.add(new DeadLetter(record, "refused by PostgreSQL: " + e.getSQLState() + " " + e.getMessage()));
        }
    }

    private void applyDelete(Connection c, InstancesDeletedEvent deleted, Tally tally) throws SQLException {
        for (DeletedInstance d : deleted.instances()) {
            repository.deleteInstance(c, d.sopInstanceUid(), d.storeId(), tally.touchedSeries, tally.touchedStudies);
        }
        tally.applied++;
    }

    /**
     * Decodes and validates a record without touching the database.
     *
     * @return the rows of a stored event, a deleted event, or null for a type the index ignores
     * @throws MalformedEventException when the record is not a valid event
     */
    private Object decode(ConsumerRecord<byte[], byte[]> record, List<Instant> eventTimes) {
        if (record.value() == null) {
            throw new MalformedEventException("record without value");
        }
        CloudEvent event = EventCodec.decode(record.value());
        eventTime(event, eventTimes);
        if (EventTypes.INSTANCE_STORED.equals(event.type())) {
            return rowMapper.map(EventCodec.storedData(event));
        }
        if (EventCodec.isDeleted(event)) {
            InstancesDeletedEvent deleted = EventCodec.deletedData(event);
            if (deleted.instances() == null) {
                throw new MalformedEventException("deleted event without instances");
            }
            for (DeletedInstance d : deleted.instances()) {
                if (d == null || !DicomUid.isValid(d.sopInstanceUid()) || !StoreId.isValid(d.storeId())) {
                    throw new MalformedEventException("deleted event with an invalid sopInstanceUid or storeId");
                }
            }
            return deleted;
        }
        LOG.debugf("ignoring event type %s at %s-%d@%d", event.type(), record.topic(), record.partition(), record.offset());
        return null;
    }

    private static void eventTime(CloudEvent event, List<Instant> eventTimes) {
        if (event.time() != null) {
            try {
                eventTimes.add(Instant.parse(event.time()));
            } catch (DateTimeParseException e) {
                // the time is informational (lag metric); a bad one is not worth a dead letter
            }
        }
    }

    /** SQLSTATE classes 22 (data exception) and 23 (integrity violation): the record, not the database, is at fault. */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
