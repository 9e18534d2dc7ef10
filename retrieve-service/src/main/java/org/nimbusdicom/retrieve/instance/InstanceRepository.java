package org.nimbusdicom.retrieve.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import javax.sql.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.error.DependencyUnavailableException;
import org.nimbusdicom.common.event.BulkDataLocation;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.retrieve.config.RetrieveConfig;

/**
 * Read-only SQL on the index (table {@code instance}, owned by query-service). Every connection is
 * set read-only and every statement has a timeout, so a slow or absent PostgreSQL becomes a 503
 * instead of a hung request.
 */
@ApplicationScoped
public class InstanceRepository {

    private static final Logger LOG = Logger.getLogger(InstanceRepository.class);
    private static final TypeReference<List<BulkDataLocation>> BULK_DATA_LIST = new TypeReference<>() {
    };
    private static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    private static final String LIGHT_COLUMNS = "study_instance_uid, series_instance_uid, sop_instance_uid, sop_class_uid, "
            + "transfer_syntax_uid, store_id, blob_key, metadata_key, size_bytes, number_of_frames";

    private final DataSource dataSource;
    private final ObjectMapper objectMapper;
    private final RetrieveConfig config;
    /** Whether {@code instance.instance_number} exists; resolved on first use (the schema evolves). */
    private volatile Boolean hasInstanceNumber;

    public InstanceRepository(DataSource dataSource, ObjectMapper objectMapper, RetrieveConfig config) {
        this.dataSource = dataSource;
        this.objectMapper = objectMapper;
        this.config = config;
    }

    /**
     * The instances of a study, a series (when {@code seriesInstanceUid} is given) or a single
     * instance (when {@code sopInstanceUid} is also given), in a stable order: series, instance
     * number (when indexed), SOP Instance UID.
     *
     * @param withLocations also load the pixel data and bulk data locations (frames, bulkdata)
     */
    public List<StoredInstance> find(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
            boolean withLocations) {
        try (Connection connection = connection()) {
            StringBuilder sql = new StringBuilder("SELECT ").append(LIGHT_COLUMNS);
            if (withLocations) {
                sql.append(", pixel_data::text AS pixel_data, bulk_data::text AS bulk_data");
            }
            sql.append(" FROM instance WHERE study_instance_uid = ?");
            if (seriesInstanceUid != null) {
                sql.append(" AND series_instance_uid = ?");
            }
            if (sopInstanceUid != null) {
                sql.append(" AND sop_instance_uid = ?");
            }
            sql.append(" ORDER BY series_instance_uid");
            if (hasInstanceNumber(connection)) {
                sql.append(", instance_number NULLS LAST");
            }
            sql.append(", sop_instance_uid");
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                statement.setQueryTimeout(queryTimeoutSeconds());
                statement.setFetchSize(1000);
                int p = 1;
                statement.setString(p++, studyInstanceUid);
                if (seriesInstanceUid != null) {
                    statement.setString(p++, seriesInstanceUid);
                }
                if (sopInstanceUid != null) {
                    statement.setString(p, sopInstanceUid);
                }
                List<StoredInstance> instances = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        instances.add(map(rs, withLocations));
                    }
                }
                return instances;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Whether any instance of the study is indexed. */
    public boolean studyExists(String studyInstanceUid) {
        return exists("SELECT 1 FROM instance WHERE study_instance_uid = ? LIMIT 1", studyInstanceUid, null);
    }

    /** Whether any instance of the series (within the study) is indexed. */
    public boolean seriesExists(String studyInstanceUid, String seriesInstanceUid) {
        return exists("SELECT 1 FROM instance WHERE study_instance_uid = ? AND series_instance_uid = ? LIMIT 1",
                studyInstanceUid, seriesInstanceUid);
    }

    /** Runs a trivial query; throws {@link DependencyUnavailableException} when PostgreSQL is not usable. */
    public void ping() {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
            statement.setQueryTimeout(queryTimeoutSeconds());
            statement.execute();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private boolean exists(String sql, String first, String second) {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(queryTimeoutSeconds());
            statement.setString(1, first);
            if (second != null) {
                statement.setString(2, second);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private StoredInstance map(ResultSet rs, boolean withLocations) throws SQLException {
        InstanceIdentifier identifier = new InstanceIdentifier(
                rs.getString("study_instance_uid"), rs.getString("series_instance_uid"), rs.getString("sop_instance_uid"));
        int frames = rs.getInt("number_of_frames");
        Integer numberOfFrames = rs.wasNull() ? null : frames;
        PixelDataDescriptor pixelData = null;
        List<BulkDataLocation> bulkData = List.of();
        if (withLocations) {
            String pixelJson = rs.getString("pixel_data");
            String bulkJson = rs.getString("bulk_data");
            try {
                if (pixelJson != null && !"null".equals(pixelJson)) {
                    pixelData = objectMapper.readValue(pixelJson, PixelDataDescriptor.class);
                }
                if (bulkJson != null && !"null".equals(bulkJson)) {
                    bulkData = objectMapper.readValue(bulkJson, BULK_DATA_LIST);
                }
            } catch (JsonProcessingException e) {
                // a corrupt index row is a server-side fault, not the client's
                throw new IllegalStateException("unreadable pixel/bulk data locations of " + identifier.sopInstanceUid(), e);
            }
        }
        String transferSyntax = rs.getString("transfer_syntax_uid");
        if (transferSyntax == null || transferSyntax.isBlank()) {
            // a file without (0002,0010) is read as implicit VR little endian (PS3.5 default), so it is stored as such
            transferSyntax = IMPLICIT_VR_LITTLE_ENDIAN;
        }
        return new StoredInstance(identifier, rs.getString("sop_class_uid"), transferSyntax,
                rs.getString("store_id"), rs.getString("blob_key"), rs.getString("metadata_key"), rs.getLong("size_bytes"),
                numberOfFrames, pixelData, bulkData);
    }

    private boolean hasInstanceNumber(Connection connection) throws SQLException {
        Boolean known = hasInstanceNumber;
        if (known == null) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                            + "AND table_name = 'instance' AND column_name = 'instance_number'")) {
                statement.setQueryTimeout(queryTimeoutSeconds());
                try (ResultSet rs = statement.executeQuery()) {
                    known = rs.next();
                }
            }
            hasInstanceNumber = known;
        }
        return known;
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setReadOnly(true);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private int queryTimeoutSeconds() {
        return (int) Math.max(1, config.index().queryTimeout().toSeconds());
    }

    /**
     * Connection failures, timeouts, cancellations and resource exhaustion are the database being
     * unavailable (503 + Retry-After); anything else (e.g. a schema mismatch) is a server fault.
     */
    private RuntimeException unavailable(SQLException e) {
        String state = e.getSQLState();
        boolean transientFailure = state == null || state.startsWith("08") || state.startsWith("57")
                || state.startsWith("53") || state.startsWith("40");
        if (!transientFailure) {
            return new IllegalStateException("index query failed (SQLState " + state + ")", e);
        }
        LOG.warnf("index unavailable: %s (SQLState %s)", e.getMessage(), state);
        return new DependencyUnavailableException("PostgreSQL", config.retryAfterSeconds(), e);
    }
}
