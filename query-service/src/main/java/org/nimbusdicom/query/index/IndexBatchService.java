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
        Set<String> touchedSeries = new LinkedHashSet<>();
        Set<String> touchedStudies = new LinkedHashSet<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<Instant> eventTimes = new ArrayList<>();
        int applied = 0;
        int skipped = 0;
        int ignored = 0;
        for (TopicPartition tp : records.partitions()) {
            long next = repository.lockProgress(c, tp.topic(), tp.partition());
            long position = next;
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                if (record.offset() < next) {
                    skipped++; // applied before: re-delivery after a crash or rebalance
                    continue;
                }
                position = record.offset() + 1;
                Savepoint savepoint = careful ? c.setSavepoint() : null;
                try {
                    Outcome outcome = applyRecord(c, record, touchedSeries, touchedStudies, eventTimes);
                    if (outcome == Outcome.APPLIED) {
                        applied++;
                    } else {
                        ignored++;
                    }
                    if (savepoint != null) {
                        c.releaseSavepoint(savepoint);
                    }
                } catch (MalformedEventException e) {
                    if (savepoint != null) {
                        c.rollback(savepoint);
                    }
                    deadLetters.add(new DeadLetter(record, e.getMessage()));
                } catch (SQLException e) {
                    if (savepoint == null || !isDataError(e)) {
                        throw e;
                    }
                    c.rollback(savepoint);
                    deadLetters.add(new DeadLetter(record, "refused by PostgreSQL: " + e.getSQLState() + " " + e.getMessage()));
                }
            }
            if (position > next) {
                repository.saveProgress(c, tp.topic(), tp.partition(), position);
            }
            nextOffsets.put(tp, Math.max(position, next));
        }
        repository.recompute(c, touchedSeries, touchedStudies);
        return new BatchResult(nextOffsets, applied, skipped, ignored, deadLetters, eventTimes);
    }

    private enum Outcome { APPLIED, IGNORED }

    private Outcome applyRecord(Connection c, ConsumerRecord<byte[], byte[]> record, Set<String> touchedSeries,
            Set<String> touchedStudies, List<Instant> eventTimes) throws SQLException {
        if (record.value() == null) {
            throw new MalformedEventException("record without value");
        }
        CloudEvent event = EventCodec.decode(record.value());
        eventTime(event, eventTimes);
        if (EventTypes.INSTANCE_STORED.equals(event.type())) {
            IndexedInstance row = rowMapper.map(EventCodec.storedData(event));
            IndexRepository.InsertOutcome outcome = repository.insertInstance(c, row);
            if (outcome == IndexRepository.InsertOutcome.INSERTED) {
                touchedSeries.add(row.series().seriesInstanceUid());
                touchedStudies.add(row.study().studyInstanceUid());
                return Outcome.APPLIED;
            }
            if (outcome == IndexRepository.InsertOutcome.OTHER_COPY_INDEXED) {
                LOG.debugf("instance %s already indexed with another store id; %s stays unreferenced (orphan)",
                        row.instance().sopInstanceUid(), row.instance().storeId());
            }
            return Outcome.IGNORED;
        }
        if (EventCodec.isDeleted(event)) {
            InstancesDeletedEvent deleted = EventCodec.deletedData(event);
            if (deleted.instances() == null) {
                throw new MalformedEventException("deleted event without instances");
            }
            for (DeletedInstance d : deleted.instances()) {
                if (!DicomUid.isValid(d.sopInstanceUid()) || !StoreId.isValid(d.storeId())) {
                    throw new MalformedEventException("deleted event with an invalid sopInstanceUid or storeId");
                }
            }
            for (DeletedInstance d : deleted.instances()) {
                repository.deleteInstance(c, d.sopInstanceUid(), d.storeId(), touchedSeries, touchedStudies);
            }
            return Outcome.APPLIED;
        }
        LOG.debugf("ignoring event type %s at %s-%d@%d", event.type(), record.topic(), record.partition(), record.offset());
        return Outcome.IGNORED;
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
