package org.nimbusdicom.query.index;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indexer's SQL. Every method works on the caller's connection, inside the one transaction
 * of a batch. Plain JDBC on purpose: the batch is a handful of upserts with
 * {@code ON CONFLICT}, savepoints and set-based recomputation statements, which an ORM session
 * would only slow down (no entity state is ever read back).
 */
@ApplicationScoped
public class IndexRepository {

    /** The result of trying to insert an instance. */
    enum InsertOutcome {
        /** A new row. */
        INSERTED,
        /** The same store id is indexed already (a duplicate event). */
        DUPLICATE,
        /** Another store id of the same SOP Instance UID is indexed: first writer wins. */
        OTHER_COPY_INDEXED,
        /** The store id was deleted before: a late duplicate of a stored event. */
        TOMBSTONED
    }

    /**
     * Locks the progress row of a partition (creating it at 0) and returns its next offset. Records
     * below it were applied already (by this or another replica) and are skipped: this fences a
     * consumer that lost its partition while it was retrying.
     */
    long lockProgress(Connection c, String topic, int partition) throws SQLException {
        // one round trip: creates the row at 0 if missing, row-locks it either way, returns the position
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO index_progress (topic, partition, next_offset) "
                + "VALUES (?, ?, 0) ON CONFLICT (topic, partition) DO UPDATE SET topic = EXCLUDED.topic "
                + "RETURNING next_offset")) {
            ps.setString(1, topic);
            ps.setInt(2, partition);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Records that everything below {@code nextOffset} of the partition is applied. */
    void saveProgress(Connection c, String topic, int partition, long nextOffset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE index_progress SET next_offset = GREATEST(next_offset, ?), "
                + "updated_at = now() WHERE topic = ? AND partition = ?")) {
            ps.setLong(1, nextOffset);
            ps.setString(2, topic);
            ps.setInt(3, partition);
            ps.executeUpdate();
        }
    }

    /** Inserts an instance with its study and series (merging their attributes), unless indexed or tombstoned. */
    InsertOutcome insertInstance(Connection c, IndexedInstance row) throws SQLException {
        IndexedInstance.Instance in = row.instance();
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM instance_tombstone WHERE store_id = ?")) {
            ps.setString(1, in.storeId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return InsertOutcome.TOMBSTONED;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT store_id FROM instance WHERE sop_instance_uid = ?")) {
            ps.setString(1, in.sopInstanceUid());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return in.storeId().equals(rs.getString(1)) ? InsertOutcome.DUPLICATE : InsertOutcome.OTHER_COPY_INDEXED;
                }
            }
        }
        upsertStudies(c, List.of(row.study()));
        upsertSeries(c, List.of(row.series()));
        // a concurrent insert by another replica (same SOP UID under another study key) wins
        return insertInstances(c, List.of(in))[0] ? InsertOutcome.INSERTED : InsertOutcome.OTHER_COPY_INDEXED;
    }

    /** The store id indexed per SOP Instance UID, for those of {@code sopInstanceUids} that are indexed. */
    Map<String, String> indexedStoreIds(Connection c, Collection<String> sopInstanceUids) throws SQLException {
        Map<String, String> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sop_instance_uid, store_id FROM instance WHERE sop_instance_uid = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", sopInstanceUids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return found;
    }

    /** Those of {@code storeIds} that were deleted before. */
    Set<String> tombstoned(Connection c, Collection<String> storeIds) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT store_id FROM instance_tombstone WHERE store_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", storeIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /**
     * Inserts instance rows in one JDBC batch (one round trip); the studies and series must exist.
     *
     * @return per row whether it was inserted (false: the SOP Instance UID was indexed concurrently)
     */
    boolean[] insertInstances(Connection c, List<IndexedInstance.Instance> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO instance (sop_instance_uid, series_instance_uid, "
                + "study_instance_uid, sop_class_uid, transfer_syntax_uid, store_id, blob_key, metadata_key, size_bytes, "
                + "number_of_frames, pixel_data, bulk_data, stored_at, instance_number, rows, columns, attributes) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?::jsonb) "
                + "ON CONFLICT (sop_instance_uid) DO NOTHING")) {
            for (IndexedInstance.Instance in : rows) {
                int i = 1;
                ps.setString(i++, in.sopInstanceUid());
                ps.setString(i++, in.seriesInstanceUid());
                ps.setString(i++, in.studyInstanceUid());
                ps.setString(i++, in.sopClassUid());
                ps.setString(i++, in.transferSyntaxUid());
                ps.setString(i++, in.storeId());
                ps.setString(i++, in.blobKey());
                ps.setString(i++, in.metadataKey());
                ps.setLong(i++, in.sizeBytes());
                setInteger(ps, i++, in.numberOfFrames());
                ps.setString(i++, in.pixelData());
                ps.setString(i++, in.bulkData());
                ps.setObject(i++, in.storedAt());
                setInteger(ps, i++, in.instanceNumber());
                setInteger(ps, i++, in.rows());
                setInteger(ps, i++, in.columns());
                ps.setString(i, in.attributes().toString());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            boolean[] inserted = new boolean[counts.length];
            for (int k = 0; k < counts.length; k++) {
                inserted[k] = counts[k] == 1 || counts[k] == java.sql.Statement.SUCCESS_NO_INFO;
            }
            return inserted;
        }
    }

    /** Upserts study rows in one JDBC batch, merging attributes (newest non-null value wins). */
    void upsertStudies(Connection c, Collection<IndexedInstance.Study> studies) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO study (study_instance_uid, patient_name, "
                + "patient_name_norm, patient_name_words, patient_id, patient_birth_date, patient_sex, study_date, "
                + "study_time, accession_number, study_id, study_description, referring_physician_name, "
                + "referring_physician_name_norm, referring_physician_name_words, attributes) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) "
                + "ON CONFLICT (study_instance_uid) DO UPDATE SET "
                + "patient_name = COALESCE(EXCLUDED.patient_name, study.patient_name), "
                + "patient_name_norm = COALESCE(EXCLUDED.patient_name_norm, study.patient_name_norm), "
                + "patient_name_words = COALESCE(EXCLUDED.patient_name_words, study.patient_name_words), "
                + "patient_id = COALESCE(EXCLUDED.patient_id, study.patient_id), "
                + "patient_birth_date = COALESCE(EXCLUDED.patient_birth_date, study.patient_birth_date), "
                + "patient_sex = COALESCE(EXCLUDED.patient_sex, study.patient_sex), "
                + "study_date = COALESCE(EXCLUDED.study_date, study.study_date), "
                + "study_time = COALESCE(EXCLUDED.study_time, study.study_time), "
                + "accession_number = COALESCE(EXCLUDED.accession_number, study.accession_number), "
                + "study_id = COALESCE(EXCLUDED.study_id, study.study_id), "
                + "study_description = COALESCE(EXCLUDED.study_description, study.study_description), "
                + "referring_physician_name = COALESCE(EXCLUDED.referring_physician_name, study.referring_physician_name), "
                + "referring_physician_name_norm = COALESCE(EXCLUDED.referring_physician_name_norm, study.referring_physician_name_norm), "
                + "referring_physician_name_words = COALESCE(EXCLUDED.referring_physician_name_words, study.referring_physician_name_words), "
                + "attributes = study.attributes || EXCLUDED.attributes, updated_at = now()")) {
            for (IndexedInstance.Study s : studies) {
                int i = 1;
                ps.setString(i++, s.studyInstanceUid());
                ps.setString(i++, s.patientName());
                ps.setString(i++, s.patientNameNorm());
                ps.setString(i++, s.patientNameWords());
                ps.setString(i++, s.patientId());
                ps.setObject(i++, s.patientBirthDate());
                ps.setString(i++, s.patientSex());
                ps.setObject(i++, s.studyDate());
                ps.setObject(i++, s.studyTime());
                ps.setString(i++, s.accessionNumber());
                ps.setString(i++, s.studyId());
                ps.setString(i++, s.studyDescription());
                ps.setString(i++, s.referringPhysicianName());
                ps.setString(i++, s.referringPhysicianNameNorm());
                ps.setString(i++, s.referringPhysicianNameWords());
                ps.setString(i, s.attributes().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Upserts series rows in one JDBC batch, merging attributes (newest non-null value wins). */
    void upsertSeries(Connection c, Collection<IndexedInstance.Series> seriesRows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO series (series_instance_uid, study_instance_uid, "
                + "modality, series_number, series_description, series_date, series_time, body_part_examined, "
                + "manufacturer_model_name, performed_procedure_step_start_date, performed_procedure_step_start_time, "
                + "attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) "
                + "ON CONFLICT (series_instance_uid) DO UPDATE SET "
                + "modality = COALESCE(EXCLUDED.modality, series.modality), "
                + "series_number = COALESCE(EXCLUDED.series_number, series.series_number), "
                + "series_description = COALESCE(EXCLUDED.series_description, series.series_description), "
                + "series_date = COALESCE(EXCLUDED.series_date, series.series_date), "
                + "series_time = COALESCE(EXCLUDED.series_time, series.series_time), "
                + "body_part_examined = COALESCE(EXCLUDED.body_part_examined, series.body_part_examined), "
                + "manufacturer_model_name = COALESCE(EXCLUDED.manufacturer_model_name, series.manufacturer_model_name), "
                + "performed_procedure_step_start_date = COALESCE(EXCLUDED.performed_procedure_step_start_date, series.performed_procedure_step_start_date), "
                + "performed_procedure_step_start_time = COALESCE(EXCLUDED.performed_procedure_step_start_time, series.performed_procedure_step_start_time), "
                + "attributes = series.attributes || EXCLUDED.attributes, updated_at = now()")) {
            for (IndexedInstance.Series s : seriesRows) {
                int i = 1;
                ps.setString(i++, s.seriesInstanceUid());
                ps.setString(i++, s.studyInstanceUid());
                ps.setString(i++, s.modality());
                setInteger(ps, i++, s.seriesNumber());
                ps.setString(i++, s.seriesDescription());
                ps.setObject(i++, s.seriesDate());
                ps.setObject(i++, s.seriesTime());
                ps.setString(i++, s.bodyPartExamined());
                ps.setString(i++, s.manufacturerModelName());
                ps.setObject(i++, s.performedProcedureStepStartDate());
                ps.setObject(i++, s.performedProcedureStepStartTime());
                ps.setString(i, s.attributes().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Deletes the instance row of {@code (sopInstanceUid, storeId)} if present and tombstones the
     * store id. Adds the affected series/study to the touched sets.
     *
     * @return true when a row was deleted
     */
    boolean deleteInstance(Connection c, String sopInstanceUid, String storeId, Set<String> touchedSeries,
            Set<String> touchedStudies) throws SQLException {
        boolean deleted = false;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM instance WHERE sop_instance_uid = ? AND store_id = ? "
                + "RETURNING series_instance_uid, study_instance_uid")) {
            ps.setString(1, sopInstanceUid);
            ps.setString(2, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    touchedSeries.add(rs.getString(1));
                    touchedStudies.add(rs.getString(2));
                    deleted = true;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO instance_tombstone (store_id, sop_instance_uid) "
                + "VALUES (?, ?) ON CONFLICT (store_id) DO NOTHING")) {
            ps.setString(1, storeId);
            ps.setString(2, sopInstanceUid);
            ps.executeUpdate();
        }
        return deleted;
    }

    /**
     * Recomputes the counts, ModalitiesInStudy and SOPClassesInStudy of the touched series and
     * studies, and drops the ones left empty. Set-based, so a batch costs four statements.
     */
    void recompute(Connection c, Collection<String> series, Collection<String> studies) throws SQLException {
        if (!series.isEmpty()) {
            java.sql.Array seriesArray = c.createArrayOf("text", series.toArray());
            try (PreparedStatement ps = c.prepareStatement("UPDATE series se SET number_of_series_related_instances = "
                    + "(SELECT count(*) FROM instance i WHERE i.series_instance_uid = se.series_instance_uid), "
                    + "updated_at = now() WHERE se.series_instance_uid = ANY(?)")) {
                ps.setArray(1, seriesArray);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM series se WHERE se.series_instance_uid = ANY(?) "
                    + "AND NOT EXISTS (SELECT 1 FROM instance i WHERE i.series_instance_uid = se.series_instance_uid)")) {
                ps.setArray(1, seriesArray);
                ps.executeUpdate();
            }
        }
        if (!studies.isEmpty()) {
            java.sql.Array studyArray = c.createArrayOf("text", studies.toArray());
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM study st WHERE st.study_instance_uid = ANY(?) "
                    + "AND NOT EXISTS (SELECT 1 FROM instance i WHERE i.study_instance_uid = st.study_instance_uid) "
                    + "AND NOT EXISTS (SELECT 1 FROM series se WHERE se.study_instance_uid = st.study_instance_uid)")) {
                ps.setArray(1, studyArray);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE study st SET "
                    + "number_of_study_related_series = (SELECT count(*) FROM series se WHERE se.study_instance_uid = st.study_instance_uid), "
                    + "number_of_study_related_instances = (SELECT count(*) FROM instance i WHERE i.study_instance_uid = st.study_instance_uid), "
                    + "modalities_in_study = ARRAY(SELECT DISTINCT se.modality FROM series se "
                    + "  WHERE se.study_instance_uid = st.study_instance_uid AND se.modality IS NOT NULL ORDER BY 1), "
                    + "sop_classes_in_study = ARRAY(SELECT DISTINCT i.sop_class_uid FROM instance i "
                    + "  WHERE i.study_instance_uid = st.study_instance_uid AND i.sop_class_uid IS NOT NULL ORDER BY 1), "
                    + "updated_at = now() WHERE st.study_instance_uid = ANY(?)")) {
                ps.setArray(1, studyArray);
                ps.executeUpdate();
            }
        }
    }

    /** Forgets tombstones older than the retention (own transaction). */
    int purgeTombstones(Connection c, java.time.Duration retention) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM instance_tombstone WHERE deleted_at < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, retention.toSeconds());
            return ps.executeUpdate();
        }
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
