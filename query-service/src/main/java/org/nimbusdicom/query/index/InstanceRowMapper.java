package org.nimbusdicom.query.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.event.MalformedEventException;
import org.nimbusdicom.common.model.DicomUid;
import org.nimbusdicom.common.model.StoreId;
import org.nimbusdicom.common.query.DateRange;
import org.nimbusdicom.common.query.PersonNames;
import org.nimbusdicom.common.query.QueryValues;
import org.nimbusdicom.common.query.TimeRange;
import org.nimbusdicom.query.search.QidoAttributes;
import org.nimbusdicom.query.search.QueryLevel;

/**
 * Maps a stored event to index rows: validates the identifiers, splits the event's DICOM JSON
 * attributes into the study, series and instance levels ({@link QidoAttributes#levelOf}) and
 * extracts the typed matching columns. Values that cannot be typed (a malformed date) leave the
 * column null but stay in the attributes, so one odd value never blocks indexing.
 */
final class InstanceRowMapper {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectMapper mapper;

    InstanceRowMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    IndexedInstance map(InstanceStoredEvent e) {
        requireUid(e.studyInstanceUid(), "studyInstanceUid");
        requireUid(e.seriesInstanceUid(), "seriesInstanceUid");
        requireUid(e.sopInstanceUid(), "sopInstanceUid");
        if (!StoreId.isValid(e.storeId())) {
            throw new MalformedEventException("invalid storeId");
        }
        if (e.blobKey() == null || e.metadataKey() == null) {
            throw new MalformedEventException("blobKey and metadataKey are required");
        }
        ObjectNode study = JSON.objectNode();
        ObjectNode series = JSON.objectNode();
        ObjectNode instance = JSON.objectNode();
        if (e.attributes() != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = e.attributes().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                int tag = QidoAttributes.parseTag(field.getKey());
                if (tag == -1 || !field.getValue().isObject()) {
                    throw new MalformedEventException("attributes: not a DICOM JSON element: " + QueryValues.abbreviate(field.getKey()));
                }
                String key = QidoAttributes.tagKey(tag);
                if (tag == QidoAttributes.SPECIFIC_CHARACTER_SET) {
                    study.set(key, field.getValue());
                    series.set(key, field.getValue());
                    instance.set(key, field.getValue());
                    continue;
                }
                QueryLevel level = QidoAttributes.levelOf(tag);
                (level == QueryLevel.STUDY ? study : level == QueryLevel.SERIES ? series : instance).set(key, field.getValue());
            }
        }
        String patientName = personName(study, 0x00100010);
        String referring = personName(study, 0x00080090);
        IndexedInstance.Study studyRow = new IndexedInstance.Study(e.studyInstanceUid(),
                patientName, PersonNames.normalize(patientName), PersonNames.searchWords(patientName),
                string(study, 0x00100020), DateRange.parseStored(string(study, 0x00100030)), string(study, 0x00100040),
                DateRange.parseStored(string(study, 0x00080020)), TimeRange.parseStored(string(study, 0x00080030)),
                string(study, 0x00080050), string(study, 0x00200010), string(study, 0x00081030),
                referring, PersonNames.normalize(referring), PersonNames.searchWords(referring), study);
        IndexedInstance.Series seriesRow = new IndexedInstance.Series(e.seriesInstanceUid(), e.studyInstanceUid(),
                string(series, 0x00080060), QueryValues.parseStoredInteger(string(series, 0x00200011)),
                string(series, 0x0008103E), DateRange.parseStored(string(series, 0x00080021)),
                TimeRange.parseStored(string(series, 0x00080031)), string(series, 0x00180015),
                string(series, 0x00081090), DateRange.parseStored(string(series, 0x00400244)),
                TimeRange.parseStored(string(series, 0x00400245)), series);
        Integer frames = e.numberOfFrames() != null ? e.numberOfFrames()
                : QueryValues.parseStoredInteger(string(instance, 0x00280008));
        IndexedInstance.Instance instanceRow = new IndexedInstance.Instance(e.sopInstanceUid(), e.seriesInstanceUid(),
                e.studyInstanceUid(), e.sopClassUid(), e.transferSyntaxUid(), e.storeId(), e.blobKey(), e.metadataKey(),
                e.size(), frames, e.pixelData() == null ? null : json(mapper.valueToTree(e.pixelData())),
                e.bulkData() == null ? null : json(mapper.valueToTree(e.bulkData())), timestamp(e.storedAt()),
                QueryValues.parseStoredInteger(string(instance, 0x00200013)),
                QueryValues.parseStoredInteger(string(instance, 0x00280010)),
                QueryValues.parseStoredInteger(string(instance, 0x00280011)), instance);
        return new IndexedInstance(studyRow, seriesRow, instanceRow);
    }

    private static void requireUid(String uid, String field) {
        if (!DicomUid.isValid(uid)) {
            throw new MalformedEventException("invalid " + field);
        }
    }

    /** First value of an element as text (numbers included), or null. */
    static String string(ObjectNode attributes, int tag) {
        JsonNode value = firstValue(attributes, tag);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** The alphabetic group of the first PN value, or null. */
    static String personName(ObjectNode attributes, int tag) {
        JsonNode value = firstValue(attributes, tag);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText().isBlank() ? null : value.asText();
        }
        JsonNode alphabetic = value.get("Alphabetic");
        return alphabetic == null || alphabetic.asText().isBlank() ? null : alphabetic.asText();
    }

    private static JsonNode firstValue(ObjectNode attributes, int tag) {
        JsonNode element = attributes.get(QidoAttributes.tagKey(tag));
        if (element == null) {
            return null;
        }
        JsonNode values = element.get("Value");
        return values != null && values.isArray() && !values.isEmpty() ? values.get(0) : null;
    }

    private static OffsetDateTime timestamp(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
