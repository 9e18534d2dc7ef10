package org.nimbusdicom.query.search;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nimbusdicom.common.data.ElementDictionary;
import org.nimbusdicom.common.data.VR;
import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.common.model.DicomUid;
import org.nimbusdicom.common.query.DateRange;
import org.nimbusdicom.common.query.PersonNames;
import org.nimbusdicom.common.query.QueryValues;
import org.nimbusdicom.common.query.TimeRange;
import org.nimbusdicom.common.query.WildcardPattern;
import org.nimbusdicom.query.config.QueryConfig;

/**
 * Turns QIDO-RS query parameters into a {@link QidoQuery} (PS3.18 §8.3.4, PS3.4 C.2.2.2). Every
 * problem is a 400 ({@link InvalidRequestException}) naming the parameter: unknown parameters (as
 * Microsoft's server does), attributes of a lower level than the query, sequence matching, invalid
 * UIDs, dates, times, integers and bad paging values.
 */
@ApplicationScoped
public class QidoQueryParser {

    private final QueryConfig.Qido config;

    public QidoQueryParser(QueryConfig config) {
        this.config = config.qido();
    }

    /**
     * Parses the (decoded) query parameters of a QIDO request.
     *
     * @param level the result level
     * @param studyInstanceUid path study UID or null
     * @param seriesInstanceUid path series UID or null
     * @param parameters decoded query parameters, in request order
     */
    public QidoQuery parse(QueryLevel level, String studyInstanceUid, String seriesInstanceUid,
            Map<String, List<String>> parameters) {
        requirePathUid(studyInstanceUid, "StudyInstanceUID");
        requirePathUid(seriesInstanceUid, "SeriesInstanceUID");
        boolean fuzzy = false;
        Integer limit = null;
        Integer offset = null;
        boolean includeAll = false;
        Set<Integer> includeFields = new LinkedHashSet<>();
        List<String[]> attributeParams = new ArrayList<>();
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            String name = p.getKey();
            List<String> values = p.getValue();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "fuzzymatching" -> fuzzy = parseBoolean(name, single(name, values));
                case "limit" -> limit = parseNonNegative(name, single(name, values));
                case "offset" -> offset = parseNonNegative(name, single(name, values));
                case "includefield" -> {
                    for (String value : values) {
                        for (String field : value.split(",")) {
                            String f = field.trim();
                            if (f.isEmpty()) {
                                continue;
                            }
                            if (f.equalsIgnoreCase("all")) {
                                includeAll = true;
                            } else {
                                includeFields.add(resolveIncludeField(f));
                            }
                        }
                    }
                }
                default -> attributeParams.add(new String[] {name, single(name, values)});
            }
        }
        List<MatchCondition> conditions = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (String[] p : attributeParams) {
            QidoAttribute attribute = resolveMatchingKey(p[0], level);
            if (!seen.add(attribute.tag())) {
                throw new InvalidRequestException(p[0] + ": the attribute is given more than once");
            }
            conditions.add(condition(attribute, p[0], p[1], fuzzy));
        }
        int effectiveLimit = limit == null ? config.defaultLimit() : Math.min(limit, config.maxLimit());
        if (effectiveLimit < 1) {
            throw new InvalidRequestException("limit must be at least 1");
        }
        int effectiveOffset = offset == null ? 0 : offset;
        if (effectiveOffset > config.maxOffset()) {
            throw new InvalidRequestException("offset must not exceed " + config.maxOffset());
        }
        return new QidoQuery(level, studyInstanceUid, seriesInstanceUid, conditions, includeFields, includeAll,
                effectiveLimit, effectiveOffset);
    }

    private static void requirePathUid(String uid, String what) {
        if (uid != null && !DicomUid.isValid(uid)) {
            throw new InvalidRequestException(what + " in the path is not a valid UID: '" + QueryValues.abbreviate(uid) + "'");
        }
    }

    private static String single(String name, List<String> values) {
        if (values.size() != 1) {
            throw new InvalidRequestException(name + ": the parameter is given more than once");
        }
        return values.get(0);
    }

    private static boolean parseBoolean(String name, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidRequestException(name + " must be true or false: '" + QueryValues.abbreviate(value) + "'");
    }

    private static int parseNonNegative(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the 400
        }
        throw new InvalidRequestException(name + " must be a non-negative integer: '" + QueryValues.abbreviate(value) + "'");
    }

    private static int resolveIncludeField(String field) {
        if (field.contains(".")) {
            throw new InvalidRequestException("includefield: sequence attribute paths are not supported: '"
                    + QueryValues.abbreviate(field) + "'");
        }
        int tag = QidoAttributes.parseTag(field);
        if (tag != -1) {
            return tag;
        }
        QidoAttribute a = QidoAttributes.byKeyword(field);
        if (a != null) {
            return a.tag();
        }
        // any other keyword of the data dictionary: returned when the index holds it
        int dictionaryTag = ElementDictionary.tagForKeyword(field);
        if (dictionaryTag == -1) {
            throw new InvalidRequestException("includefield: unknown attribute '" + QueryValues.abbreviate(field) + "'");
        }
        return dictionaryTag;
    }

    private static QidoAttribute resolveMatchingKey(String name, QueryLevel level) {
        if (name.contains(".")) {
            throw new InvalidRequestException(name + ": sequence matching is not supported");
        }
        int tag = QidoAttributes.parseTag(name);
        QidoAttribute a = tag != -1 ? QidoAttributes.byTag(tag) : QidoAttributes.byKeyword(name);
        if (a == null) {
            int dictionaryTag = tag != -1 ? tag : ElementDictionary.tagForKeyword(name);
            if (dictionaryTag != -1 && ElementDictionary.vrOf(dictionaryTag) == VR.SQ) {
                throw new InvalidRequestException(name + ": sequence matching is not supported");
            }
            if (dictionaryTag != -1 && ElementDictionary.keywordOf(dictionaryTag) != null) {
                throw new InvalidRequestException(name + ": the attribute is not supported as a matching key");
            }
            throw new InvalidRequestException(name + ": unknown or unsupported query parameter");
        }
        if ("SQ".equals(a.vr())) {
            throw new InvalidRequestException(name + ": sequence matching is not supported");
        }
        if (!a.level().isAtOrAbove(level)) {
            throw new InvalidRequestException(name + ": the attribute is not supported at "
                    + level.name().toLowerCase(Locale.ROOT) + " level");
        }
        return a;
    }

    private static MatchCondition condition(QidoAttribute a, String name, String rawValue, boolean fuzzy) {
        String value = rawValue.trim();
        if (WildcardPattern.isUniversal(value)) {
            return new MatchCondition(a, MatchCondition.Type.UNIVERSAL, List.of());
        }
        return switch (a.kind()) {
            case UID -> {
                List<String> uids = QueryValues.parseUidList(value, name);
                yield uids.size() == 1
                        ? new MatchCondition(a, MatchCondition.Type.EQUALS, List.of(uids.get(0)))
                        : new MatchCondition(a, MatchCondition.Type.ANY, List.of((Object) uids.toArray(new String[0])));
            }
            case UID_ARRAY -> new MatchCondition(a, MatchCondition.Type.OVERLAP,
                    List.of((Object) QueryValues.parseUidList(value, name).toArray(new String[0])));
            case STRING_ARRAY -> {
                if (WildcardPattern.hasWildcard(value)) {
                    throw new InvalidRequestException(name + ": wildcard matching is not supported for this attribute");
                }
                String[] list = Arrays.stream(value.split("[,\\\\]")).map(String::trim).filter(s -> !s.isEmpty())
                        .distinct().toArray(String[]::new);
                yield new MatchCondition(a, MatchCondition.Type.OVERLAP, List.of((Object) list));
            }
            case DATE -> {
                DateRange r = DateRange.parse(value, name);
                yield r.isSingle()
                        ? new MatchCondition(a, MatchCondition.Type.EQUALS, List.of(r.from()))
                        : new MatchCondition(a, MatchCondition.Type.RANGE, Arrays.asList(r.from(), r.to()));
            }
            case TIME -> {
                TimeRange r = TimeRange.parse(value, name);
                yield new MatchCondition(a, MatchCondition.Type.RANGE, Arrays.asList(r.from(), r.to()));
            }
            case INTEGER -> new MatchCondition(a, MatchCondition.Type.EQUALS, List.of(QueryValues.parseInteger(value, name)));
            case PERSON_NAME -> {
                if (fuzzy && !WildcardPattern.hasWildcard(value)) {
                    List<String> patterns = PersonNames.fuzzyLikePatterns(value);
                    yield patterns.isEmpty()
                            ? new MatchCondition(a, MatchCondition.Type.UNIVERSAL, List.of())
                            : new MatchCondition(a, MatchCondition.Type.FUZZY, new ArrayList<>(patterns));
                }
                yield WildcardPattern.hasWildcard(value)
                        ? new MatchCondition(a, MatchCondition.Type.LIKE,
                                List.of(WildcardPattern.toSqlLike(value.toLowerCase(Locale.ROOT))))
                        : new MatchCondition(a, MatchCondition.Type.EQUALS, List.of(PersonNames.normalize(value)));
            }
            case STRING -> WildcardPattern.hasWildcard(value)
                    ? new MatchCondition(a, MatchCondition.Type.LIKE, List.of(WildcardPattern.toSqlLike(value)))
                    : new MatchCondition(a, MatchCondition.Type.EQUALS, List.of(value));
            case NONE -> throw new InvalidRequestException(name + ": the attribute is not supported as a matching key");
        };
    }
}
