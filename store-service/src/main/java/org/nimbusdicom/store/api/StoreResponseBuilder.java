package org.nimbusdicom.store.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.nimbusdicom.common.model.StudyIdentifier;
import org.nimbusdicom.store.ingest.InstanceFailure;
import org.nimbusdicom.store.ingest.StoreResult;
import org.nimbusdicom.store.ingest.StoredInstance;

/**
 * Builds the PS3.18 §10.5.3 STOW-RS response dataset in DICOM JSON: RetrieveURL (0008,1190) of
 * the study, ReferencedSOPSequence (0008,1199) and FailedSOPSequence (0008,1198) with
 * FailureReason (0008,1197). Attributes appear in tag order, as DICOM JSON requires.
 */
public final class StoreResponseBuilder {

    static final String RETRIEVE_URL = "00081190";
    static final String FAILED_SOP_SEQUENCE = "00081198";
    static final String REFERENCED_SOP_SEQUENCE = "00081199";
    static final String REFERENCED_SOP_CLASS_UID = "00081150";
    static final String REFERENCED_SOP_INSTANCE_UID = "00081155";
    static final String FAILURE_REASON = "00081197";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String baseUrl;

    /** @param baseUrl absolute DICOMweb base URL without trailing slash */
    public StoreResponseBuilder(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The response dataset. */
    public ObjectNode build(StoreResult result) {
        ObjectNode dataset = JSON.objectNode();
        String study = studyOf(result);
        if (study != null) {
            dataset.set(RETRIEVE_URL, element("UR", JSON.textNode(baseUrl + new StudyIdentifier(study).path())));
        }
        if (!result.failed().isEmpty()) {
            ArrayNode items = JSON.arrayNode();
            for (InstanceFailure failure : result.failed()) {
                ObjectNode item = JSON.objectNode();
                if (failure.sopClassUid() != null) {
                    item.set(REFERENCED_SOP_CLASS_UID, element("UI", JSON.textNode(failure.sopClassUid())));
                }
                if (failure.sopInstanceUid() != null) {
                    item.set(REFERENCED_SOP_INSTANCE_UID, element("UI", JSON.textNode(failure.sopInstanceUid())));
                }
                item.set(FAILURE_REASON, element("US", JSON.numberNode(failure.failureReason())));
                items.add(item);
            }
            dataset.set(FAILED_SOP_SEQUENCE, sequence(items));
        }
        if (!result.stored().isEmpty()) {
            ArrayNode items = JSON.arrayNode();
            for (StoredInstance stored : result.stored()) {
                ObjectNode item = JSON.objectNode();
                item.set(REFERENCED_SOP_CLASS_UID, element("UI", JSON.textNode(stored.sopClassUid())));
                item.set(REFERENCED_SOP_INSTANCE_UID, element("UI", JSON.textNode(stored.identifier().sopInstanceUid())));
                item.set(RETRIEVE_URL, element("UR", JSON.textNode(baseUrl + stored.identifier().path())));
                items.add(item);
            }
            dataset.set(REFERENCED_SOP_SEQUENCE, sequence(items));
        }
        return dataset;
    }

    /** The study of the URL, else the one study all stored instances belong to, else null. */
    private static String studyOf(StoreResult result) {
        if (result.studyInstanceUid() != null) {
            return result.studyInstanceUid();
        }
        Set<String> studies = new LinkedHashSet<>();
        result.stored().forEach(s -> studies.add(s.identifier().studyInstanceUid()));
        return studies.size() == 1 ? studies.iterator().next() : null;
    }

    private static ObjectNode element(String vr, com.fasterxml.jackson.databind.JsonNode value) {
        ObjectNode element = JSON.objectNode();
        element.put("vr", vr);
        element.set("Value", JSON.arrayNode().add(value));
        return element;
    }

    private static ObjectNode sequence(ArrayNode items) {
        ObjectNode element = JSON.objectNode();
        element.put("vr", "SQ");
        element.set("Value", items);
        return element;
    }
}
