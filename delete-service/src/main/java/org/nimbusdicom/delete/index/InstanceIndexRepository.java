package org.nimbusdicom.delete.index;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.nimbusdicom.common.error.DependencyUnavailableException;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.common.model.SeriesIdentifier;
import org.nimbusdicom.common.model.StudyIdentifier;
import org.nimbusdicom.delete.config.DeleteConfig;

/**
 * Read-only access to the index tables owned by query-service. Only columns fixed by the
 * project contract ({@code docs/architecture.md}, "Index") are read.
 */
@ApplicationScoped
public class InstanceIndexRepository {

    private static final String SELECT_INSTANCES = "SELECT study_instance_uid, series_instance_uid, sop_instance_uid,"
            + " store_id, blob_key, metadata_key FROM instance WHERE study_instance_uid = ?";
    private static final String ORDER = " ORDER BY series_instance_uid, sop_instance_uid";

    private final DataSource dataSource;
    private final DeleteConfig config;

    public InstanceIndexRepository(DataSource dataSource, DeleteConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Every indexed instance of a study (empty when the study is unknown). */
    public List<IndexedInstance> findByStudy(StudyIdentifier study) {
        return query(SELECT_INSTANCES + ORDER, study.studyInstanceUid());
    }

    /** Every indexed instance of a series (empty when the series is unknown in that study). */
    public List<IndexedInstance> findBySeries(SeriesIdentifier series) {
        return query(SELECT_INSTANCES + " AND series_instance_uid = ?" + ORDER,
                series.studyInstanceUid(), series.seriesInstanceUid());
    }

    /** The indexed copy of an instance (empty when unknown in that study and series). */
    public List<IndexedInstance> findByInstance(InstanceIdentifier instance) {
        return query(SELECT_INSTANCES + " AND series_instance_uid = ? AND sop_instance_uid = ?" + ORDER,
                instance.studyInstanceUid(), instance.seriesInstanceUid(), instance.sopInstanceUid());
    }

    /**
     * The subset of {@code storeIds} that an index row still references.
     *
     * @throws DependencyUnavailableException when PostgreSQL cannot be reached
     */
    public Set<String> referencedStoreIds(Collection<String> storeIds) {
        Set<String> referenced = new HashSet<>();
        if (storeIds.isEmpty()) {
            return referenced;
        }
        List<String> all = new ArrayList<>(storeIds);
        int batch = Math.max(1, config.index().lookupBatchSize());
        try (Connection connection = readOnlyConnection()) {
            for (int from = 0; from < all.size(); from += batch) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + batch));
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT store_id FROM instance WHERE store_id = ANY (?)")) {
                    statement.setQueryTimeout(queryTimeoutSeconds());
                    Array array = connection.createArrayOf("text", chunk.toArray());
                    statement.setArray(1, array);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            referenced.add(rows.getString(1).trim());
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return referenced;
    }

    private List<IndexedInstance> query(String sql, String... parameters) {
        try (Connection connection = readOnlyConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(queryTimeoutSeconds());
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<IndexedInstance> instances = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    instances.add(new IndexedInstance(rows.getString(1), rows.getString(2), rows.getString(3),
                            trim(rows.getString(4)), rows.getString(5), rows.getString(6)));
                }
            }
            return instances;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private Connection readOnlyConnection() throws SQLException {
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

    private DependencyUnavailableException unavailable(SQLException e) {
        return new DependencyUnavailableException("PostgreSQL (index)", config.events().retryAfterSeconds(), e);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
