package org.nimbusdicom.query.search;

import java.util.List;
import java.util.Set;

/**
 * A parsed QIDO-RS request.
 *
 * @param level the level of the results
 * @param studyInstanceUid the study of the path ({@code /studies/{s}/...}), or null
 * @param seriesInstanceUid the series of the path, or null
 * @param conditions matching keys
 * @param includeFields tags asked for with {@code includefield}
 * @param includeAll {@code includefield=all}
 * @param limit page size
 * @param offset results to skip
 */
public record QidoQuery(QueryLevel level, String studyInstanceUid, String seriesInstanceUid,
        List<MatchCondition> conditions, Set<Integer> includeFields, boolean includeAll, int limit, int offset) {
}
