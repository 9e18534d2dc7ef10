package org.nimbusdicom.query.search;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.nimbusdicom.query.model.Instance;
import org.nimbusdicom.query.model.Series;

/**
 * The two fixed-shape QIDO reads that viewers issue most, as HQL over the Panache entities:
 * {@code /studies/{s}/series} and {@code /studies/{s}/series/{se}/instances} without matching
 * keys or {@code includefield} (the "open a study" listings). Everything else goes through the
 * dynamic SQL of {@link QidoRepository}.
 *
 * <p>One statement per request with a projection (no entity instances, so no persistence-context
 * work and no frame/bulk data tables read): a first version that loaded the parent study entity
 * and then listed the children cost twice the CPU of the JDBC path; this one costs 0.1-0.3 ms
 * more per request (docs/benchmarks.md). An unknown study, or a series of another study, gives no
 * row and so {@code []}, exactly like the dynamic SQL ({@code ScopedListingTest} compares both).
 */
@ApplicationScoped
public class ScopedListing {

    /** True when the request is a scoped listing this class answers (same result as the dynamic SQL). */
    static boolean handles(QidoQuery query) {
        if (!query.conditions().isEmpty() || !query.includeFields().isEmpty() || query.includeAll()) {
            return false;
        }
        return switch (query.level()) {
            case SERIES -> query.studyInstanceUid() != null;
            case INSTANCE -> query.studyInstanceUid() != null && query.seriesInstanceUid() != null;
            case STUDY -> false;
        };
    }

    /** The rows of a query {@link #handles} accepts, in insertion order: one page and, if more exist, one row more. */
    List<QidoRow> search(QidoQuery query) {
        return query.level() == QueryLevel.SERIES ? seriesOfStudy(query) : instancesOfSeries(query);
    }

    private static final String PARENT_COLUMNS = "st.studyInstanceUid, st.attributes, st.modalitiesInStudy,"
            + " st.sopClassesInStudy, st.numberOfStudyRelatedSeries, st.numberOfStudyRelatedInstances,"
            + " se.seriesInstanceUid, se.attributes, se.numberOfSeriesRelatedInstances";

    private List<QidoRow> seriesOfStudy(QidoQuery query) {
        List<Object[]> tuples = Series.getEntityManager().createQuery("select " + PARENT_COLUMNS
                        + " from Series se join Study st on st.studyInstanceUid = se.studyInstanceUid"
                        + " where se.studyInstanceUid = :study order by se.seriesKey", Object[].class)
                .setParameter("study", query.studyInstanceUid())
                .setFirstResult(query.offset())
                .setMaxResults(query.limit() + 1) // one more: are there more matches?
                .getResultList();
        return tuples.stream().map(t -> row(t, null, null, null)).toList();
    }

    private List<QidoRow> instancesOfSeries(QidoQuery query) {
        List<Object[]> tuples = Instance.getEntityManager().createQuery("select " + PARENT_COLUMNS
                        + ", i.sopInstanceUid, i.sopClassUid, i.attributes"
                        + " from Instance i join Series se on se.seriesInstanceUid = i.seriesInstanceUid"
                        + " join Study st on st.studyInstanceUid = i.studyInstanceUid"
                        + " where i.seriesInstanceUid = :series and i.studyInstanceUid = :study order by i.instanceKey",
                        Object[].class)
                .setParameter("study", query.studyInstanceUid())
                .setParameter("series", query.seriesInstanceUid())
                .setFirstResult(query.offset())
                .setMaxResults(query.limit() + 1) // one more: are there more matches?
                .getResultList();
        return tuples.stream().map(t -> row(t, (String) t[9], (String) t[10], (String) t[11])).toList();
    }

    private static QidoRow row(Object[] t, String sopInstanceUid, String sopClassUid, String instanceAttributes) {
        return new QidoRow((String) t[0], (String) t[1], (String[]) t[2], (String[]) t[3], (Integer) t[4], (Integer) t[5],
                (String) t[6], (String) t[7], (Integer) t[8], sopInstanceUid, sopClassUid, instanceAttributes);
    }
}
