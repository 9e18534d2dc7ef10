package org.nimbusdicom.query.progress;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Reads {@code index_progress} (the indexer writes it inside its batch transactions). */
@ApplicationScoped
public class IndexProgressRepository {

    private final AgroalDataSource dataSource;

    public IndexProgressRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Next offset to apply per partition of {@code topic}. */
    public Map<Integer, Long> nextOffsets(String topic) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT partition, next_offset FROM index_progress WHERE topic = ?")) {
            ps.setString(1, topic);
            Map<Integer, Long> offsets = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return offsets;
        }
    }

    /** Next offset to apply for every (topic, partition). */
    public Map<ProgressKey, Long> all() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT topic, partition, next_offset FROM index_progress")) {
            Map<ProgressKey, Long> offsets = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    offsets.put(new ProgressKey(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
            return offsets;
        }
    }
}
