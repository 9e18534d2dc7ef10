package org.nimbusdicom.query.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.error.DependencyUnavailableException;

/**
 * QIDO-RS: parses the request, queries the index and builds the DICOM JSON results (PS3.18 F),
 * one object per match with keys in tag order. Returned attributes: the level's defaults
 * (PS3.18 Table 6.7.1-2/-2a/-2b; for {@code /series} and {@code /instances} also the parent
 * levels' defaults, under {@code /studies/{s}} the parent UIDs), every matching key, and the
 * {@code includefield} attributes ({@code all}: everything indexed for the result's levels).
 */
@ApplicationScoped
public class QidoService {

    private static final Logger LOG = Logger.getLogger(QidoService.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final QidoQueryParser parser;
    private final QidoRepository repository;
    private final ScopedListing scopedListing;
    private final ObjectMapper mapper;

    public QidoService(QidoQueryParser parser, QidoRepository repository, ScopedListing scopedListing,
            ObjectMapper mapper) {
        this.parser = parser;
        this.repository = repository;
        this.scopedListing = scopedListing;
        this.mapper = mapper;
    }

    /**
     * Runs a QIDO request.
     *
     * @param baseUrl the DICOMweb base URL for RetrieveURL, without trailing slash
     * @return the page of matches (an empty array when nothing matches) and whether more exist
     */
    public QidoResult search(QueryLevel level, String studyInstanceUid, String seriesInstanceUid,
            Map<String, List<String>> parameters, String baseUrl) {
        QidoQuery query = parser.parse(level, studyInstanceUid, seriesInstanceUid, parameters);
        List<QidoRow> rows;
        try {
            rows = ScopedListing.handles(query) ? scopedListing.search(query) : repository.search(query);
        } catch (SQLException e) {
            LOG.warnf(e, "QIDO query failed (%s)", e.getSQLState());
            throw new DependencyUnavailableException("PostgreSQL", e);
        } catch (PersistenceException e) {
            LOG.warnf(e, "QIDO entity read failed");
            throw new DependencyUnavailableException("PostgreSQL", e);
        }
        // the repositories read one row past the page to tell whether more matches exist
        boolean moreMatches = rows.size() > query.limit();
        if (moreMatches) {
            rows = rows.subList(0, query.limit());
        }
        Set<Integer> wanted = returnTags(query);
        ArrayNode results = JSON.arrayNode(rows.size());
        // rows of one study/series repeat its attributes text: parse each distinct text once
        Map<String, Map<Integer, JsonNode>> parsed = new HashMap<>();
        for (QidoRow row : rows) {
            results.add(toDicomJson(query, row, wanted, baseUrl, parsed));
        }
        return new QidoResult(results, moreMatches);
    }

    private static Set<Integer> returnTags(QidoQuery query) {
        Set<Integer> tags = new LinkedHashSet<>(QidoAttributes.defaults(query.level()));
        switch (query.level()) {
            case STUDY -> {
            }
            case SERIES -> {
                if (query.studyInstanceUid() == null) {
                    tags.addAll(QidoAttributes.defaults(QueryLevel.STUDY));
                } else {
                    tags.add(QidoAttributes.STUDY_INSTANCE_UID);
                }
            }
            case INSTANCE -> {
                if (query.studyInstanceUid() == null) {
                    tags.addAll(QidoAttributes.defaults(QueryLevel.STUDY));
                    tags.addAll(QidoAttributes.defaults(QueryLevel.SERIES));
                } else if (query.seriesInstanceUid() == null) {
                    tags.addAll(QidoAttributes.defaults(QueryLevel.SERIES));
                    tags.add(QidoAttributes.STUDY_INSTANCE_UID);
                } else {
                    tags.add(QidoAttributes.STUDY_INSTANCE_UID);
                    tags.add(QidoAttributes.SERIES_INSTANCE_UID);
                }
            }
        }
        for (MatchCondition c : query.conditions()) {
            tags.add(c.attribute().tag());
        }
        tags.addAll(query.includeFields());
        return tags;
    }

    private ObjectNode toDicomJson(QidoQuery query, QidoRow row, Set<Integer> wanted, String baseUrl,
            Map<String, Map<Integer, JsonNode>> parsed) {
        TreeMap<Integer, JsonNode> available = new TreeMap<>(Integer::compareUnsigned);
        putAll(available, row.studyAttributes(), parsed);
        String studyUrl = baseUrl + "/studies/" + row.studyInstanceUid();
        put(available, QidoAttributes.STUDY_INSTANCE_UID, "UI", JSON.textNode(row.studyInstanceUid()));
        put(available, QidoAttributes.MODALITIES_IN_STUDY, "CS", row.modalitiesInStudy());
        put(available, QidoAttributes.SOP_CLASSES_IN_STUDY, "UI", row.sopClassesInStudy());
        put(available, QidoAttributes.NUMBER_OF_STUDY_RELATED_SERIES, "IS", JSON.numberNode(row.numberOfStudyRelatedSeries()));
        put(available, QidoAttributes.NUMBER_OF_STUDY_RELATED_INSTANCES, "IS", JSON.numberNode(row.numberOfStudyRelatedInstances()));
        String retrieveUrl = studyUrl;
        if (query.level() != QueryLevel.STUDY) {
            putAll(available, row.seriesAttributes(), parsed);
            put(available, QidoAttributes.SERIES_INSTANCE_UID, "UI", JSON.textNode(row.seriesInstanceUid()));
            put(available, QidoAttributes.NUMBER_OF_SERIES_RELATED_INSTANCES, "IS",
                    JSON.numberNode(row.numberOfSeriesRelatedInstances()));
            retrieveUrl = studyUrl + "/series/" + row.seriesInstanceUid();
        }
        if (query.level() == QueryLevel.INSTANCE) {
            putAll(available, row.instanceAttributes(), parsed);
            put(available, QidoAttributes.SOP_INSTANCE_UID, "UI", JSON.textNode(row.sopInstanceUid()));
            if (row.sopClassUid() != null) {
                put(available, 0x00080016, "UI", JSON.textNode(row.sopClassUid()));
            }
            retrieveUrl = retrieveUrl + "/instances/" + row.sopInstanceUid();
        }
        if (query.level() != QueryLevel.SERIES) {
            put(available, QidoAttributes.INSTANCE_AVAILABILITY, "CS", JSON.textNode("ONLINE"));
        }
        put(available, QidoAttributes.RETRIEVE_URL, "UR", JSON.textNode(retrieveUrl));

        ObjectNode result = JSON.objectNode();
        for (Map.Entry<Integer, JsonNode> e : available.entrySet()) {
            if (query.includeAll() || wanted.contains(e.getKey())) {
                result.set(QidoAttributes.tagKey(e.getKey()), e.getValue());
            }
        }
        return result;
    }

    private void putAll(TreeMap<Integer, JsonNode> available, String attributesJson,
            Map<String, Map<Integer, JsonNode>> parsed) {
        if (attributesJson == null || attributesJson.length() <= 2) {
            return;
        }
        Map<Integer, JsonNode> elements = parsed.get(attributesJson);
        if (elements == null) {
            elements = parse(attributesJson);
            parsed.put(attributesJson, elements);
        }
        // JSON nodes are shared between the rows of one answer; nothing mutates them afterwards
        available.putAll(elements);
    }

    private Map<Integer, JsonNode> parse(String attributesJson) {
        try {
            JsonNode node = mapper.readTree(attributesJson);
            Map<Integer, JsonNode> elements = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int tag = QidoAttributes.parseTag(e.getKey());
                if (tag != -1) {
                    elements.put(tag, e.getValue());
                }
            }
            return elements;
        } catch (JsonProcessingException e) {
            // the indexer stores only JSON it parsed itself; a failure here is a bug, not bad input
            throw new IllegalStateException("invalid attributes JSON in the index", e);
        }
    }

    private static void put(TreeMap<Integer, JsonNode> available, int tag, String vr, JsonNode value) {
        ObjectNode element = JSON.objectNode();
        element.put("vr", vr);
        element.set("Value", JSON.arrayNode().add(value));
        available.put(tag, element);
    }

    private static void put(TreeMap<Integer, JsonNode> available, int tag, String vr, String[] values) {
        ObjectNode element = JSON.objectNode();
        element.put("vr", vr);
        if (values.length > 0) {
            ArrayNode array = element.putArray("Value");
            for (String v : values) {
                array.add(v);
            }
        }
        available.put(tag, element);
    }
}
