package org.nimbusdicom.query.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * QIDO SQL. Plain JDBC rather than Panache: the statement is assembled from a variable set of
 * matching keys (LIKE with ESCAPE, array overlap, ranges on typed columns) and returns raw
 * jsonb text that goes straight into the response, which a criteria/HQL layer would only get in
 * the way of.
 */
@ApplicationScoped
public class QidoRepository {

    private final AgroalDataSource dataSource;

    public QidoRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the query: one page of rows in stable (insertion) order. */
    public List<QidoRow> search(QidoQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT st.study_instance_uid, st.attributes::text, st.modalities_in_study, "
                + "st.sop_classes_in_study, st.number_of_study_related_series, st.number_of_study_related_instances");
        QueryLevel level = query.level();
        if (level != QueryLevel.STUDY) {
            sql.append(", se.series_instance_uid, se.attributes::text, se.number_of_series_related_instances");
        }
        if (level == QueryLevel.INSTANCE) {
            sql.append(", i.sop_instance_uid, i.sop_class_uid, i.attributes::text");
        }
        switch (level) {
            case STUDY -> sql.append(" FROM study st");
            case SERIES -> sql.append(" FROM series se JOIN study st ON st.study_instance_uid = se.study_instance_uid");
            case INSTANCE -> sql.append(" FROM instance i JOIN series se ON se.series_instance_uid = i.series_instance_uid"
                    + " JOIN study st ON st.study_instance_uid = i.study_instance_uid");
        }
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (query.studyInstanceUid() != null) {
            where.add(switch (level) {
                case STUDY -> "st.study_instance_uid = ?";
                case SERIES -> "se.study_instance_uid = ?";
                case INSTANCE -> "i.study_instance_uid = ?";
            });
            params.add(query.studyInstanceUid());
        }
        if (query.seriesInstanceUid() != null) {
            where.add("i.series_instance_uid = ?");
            params.add(query.seriesInstanceUid());
        }
        for (MatchCondition c : query.conditions()) {
            appendCondition(c, where, params);
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(switch (level) {
            case STUDY -> " ORDER BY st.study_key";
            case SERIES -> " ORDER BY se.series_key";
            case INSTANCE -> " ORDER BY i.instance_key";
        });
        sql.append(" LIMIT ? OFFSET ?");
        params.add(query.limit() + 1); // one more than the page: tells whether more matches exist
        params.add(query.offset());

        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            List<QidoRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new QidoRow(
                            rs.getString(1), rs.getString(2), strings(rs.getArray(3)), strings(rs.getArray(4)),
                            rs.getInt(5), rs.getInt(6),
                            level != QueryLevel.STUDY ? rs.getString(7) : null,
                            level != QueryLevel.STUDY ? rs.getString(8) : null,
                            level != QueryLevel.STUDY ? rs.getInt(9) : 0,
                            level == QueryLevel.INSTANCE ? rs.getString(10) : null,
                            level == QueryLevel.INSTANCE ? rs.getString(11) : null,
                            level == QueryLevel.INSTANCE ? rs.getString(12) : null));
                }
            }
            return rows;
        }
    }

    private static void appendCondition(MatchCondition c, List<String> where, List<Object> params) {
        String column = c.attribute().column();
        switch (c.type()) {
            case UNIVERSAL -> {
                // no restriction
            }
            case EQUALS -> {
                where.add(column + " = ?");
                params.add(c.values().get(0));
            }
            case ANY -> {
                where.add(column + " = ANY(?)");
                params.add(c.values().get(0));
            }
            case OVERLAP -> {
                where.add(column + " && ?");
                params.add(c.values().get(0));
            }
            case LIKE -> {
                where.add(column + " LIKE ? ESCAPE '\\'");
                params.add(c.values().get(0));
            }
            case RANGE -> {
                Object from = c.values().get(0);
                Object to = c.values().get(1);
                if (from != null) {
                    where.add(column + " >= ?");
                    params.add(from);
                }
                if (to != null) {
                    where.add(column + " <= ?");
                    params.add(to);
                }
            }
            case FUZZY -> {
                for (Object pattern : c.values()) {
                    where.add(c.attribute().wordsColumn() + " LIKE ? ESCAPE '\\'");
                    params.add(pattern);
                }
            }
        }
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
