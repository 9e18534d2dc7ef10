package org.nimbusdicom.store.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.error.DependencyUnavailableException;
import org.nimbusdicom.store.config.StoreConfig;

/**
 * Read-only look-up in the index owned by query-service: whether an instance is already stored
 * (the duplicate check of STOW, FailureReason 45070).
 */
@ApplicationScoped
public class InstanceIndexRepository {

    private static final Logger LOG = Logger.getLogger(InstanceIndexRepository.class);
    private static final String FIND_STORE_ID = "select store_id from instance where sop_instance_uid = ?";

    private final AgroalDataSource dataSource;
    private final int retryAfterSeconds;

    public InstanceIndexRepository(AgroalDataSource dataSource, StoreConfig config) {
        this.dataSource = dataSource;
        this.retryAfterSeconds = config.retryAfterSeconds();
    }

    /**
     * The store id of the indexed copy of {@code sopInstanceUid}, if any.
     *
     * @throws DependencyUnavailableException when PostgreSQL cannot be queried
     */
    public Optional<String> findStoreId(String sopInstanceUid) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FIND_STORE_ID)) {
            statement.setQueryTimeout(5);
            statement.setString(1, sopInstanceUid);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            LOG.warnf("index look-up failed: %s", e.getMessage());
            throw new DependencyUnavailableException("PostgreSQL", retryAfterSeconds, e);
        }
    }
}
