package org.nimbusdicom.query.search;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nimbusdicom.query.model.Instance;
import org.nimbusdicom.query.model.Series;
import org.nimbusdicom.query.model.Study;

/**
 * The two fixed-shape QIDO reads that viewers issue most, through the Panache entities:
 * {@code /studies/{s}/series} and {@code /studies/{s}/series/{se}/instances} without matching
 * keys or {@code includefield} (the "open a study" listings). Everything else goes through the
 * dynamic SQL of {@link QidoRepository}.
 *
 * <p>Why here and not in the dynamic SQL: the parent study (and series) is the same for every row,
 * so it is looked up once by primary key (which also answers "does the scope exist?": an unknown
 * study or a series of another study gives {@code []} without running the listing) and the listing
 * reads only its own table with a projection, instead of joining and shipping the parent's
 * attributes JSON once per row. Two primary-key-indexed statements, both under a millisecond at
 * 100k instances (docs/benchmarks.md).
 */
@ApplicationScoped
public class ScopedListing {

    /** The listing of a series' own columns (no frame/bulk data tables). */
    public record SeriesListingRow(String seriesInstanceUid, String attributes, int numberOfSeriesRelatedInstances) {
    }

    /** The listing of an instance's own columns (no frame/bulk data tables). */
    public record InstanceListingRow(String sopInstanceUid, String sopClassUid, String attributes) {
    }

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

    /** The rows of a query {@link #handles} accepts, in insertion order, one page. */
    List<QidoRow> search(QidoQuery query) {
        return query.level() == QueryLevel.SERIES ? seriesOfStudy(query) : instancesOfSeries(query);
    }

    private List<QidoRow> seriesOfStudy(QidoQuery query) {
        Optional<Study> study = Study.findByIdOptional(query.studyInstanceUid());
        if (study.isEmpty()) {
            return List.of();
        }
        Study st = study.get();
        List<SeriesListingRow> page = Series.find("studyInstanceUid = ?1", Sort.by("seriesKey"), st.studyInstanceUid)
                .project(SeriesListingRow.class)
                .range(query.offset(), query.offset() + query.limit() - 1)
                .list();
        List<QidoRow> rows = new ArrayList<>(page.size());
        for (SeriesListingRow se : page) {
            rows.add(new QidoRow(st.studyInstanceUid, st.attributes, st.modalitiesInStudy, st.sopClassesInStudy,
                    st.numberOfStudyRelatedSeries, st.numberOfStudyRelatedInstances,
                    se.seriesInstanceUid(), se.attributes(), se.numberOfSeriesRelatedInstances(), null, null, null));
        }
        return rows;
    }

    private List<QidoRow> instancesOfSeries(QidoQuery query) {
        // one statement for both parents; no row when either is missing or the series is another study's
        List<Object[]> parents = Study.getEntityManager().createQuery(
                "select st, se from Study st, Series se where st.studyInstanceUid = :study"
                        + " and se.seriesInstanceUid = :series and se.studyInstanceUid = st.studyInstanceUid",
                Object[].class)
                .setParameter("study", query.studyInstanceUid())
                .setParameter("series", query.seriesInstanceUid())
                .getResultList();
        if (parents.isEmpty()) {
            return List.of();
        }
        Study st = (Study) parents.get(0)[0];
        Series se = (Series) parents.get(0)[1];
        // both UIDs, as the dynamic SQL does: an instance indexed under another study stays out
        List<InstanceListingRow> page = Instance.find("seriesInstanceUid = ?1 and studyInstanceUid = ?2",
                        Sort.by("instanceKey"), se.seriesInstanceUid, st.studyInstanceUid)
                .project(InstanceListingRow.class)
                .range(query.offset(), query.offset() + query.limit() - 1)
                .list();
        List<QidoRow> rows = new ArrayList<>(page.size());
        for (InstanceListingRow i : page) {
            rows.add(new QidoRow(st.studyInstanceUid, st.attributes, st.modalitiesInStudy, st.sopClassesInStudy,
                    st.numberOfStudyRelatedSeries, st.numberOfStudyRelatedInstances,
                    se.seriesInstanceUid, se.attributes, se.numberOfSeriesRelatedInstances,
                    i.sopInstanceUid(), i.sopClassUid(), i.attributes()));
        }
        return rows;
    }
}
