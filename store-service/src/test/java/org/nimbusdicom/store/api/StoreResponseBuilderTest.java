package org.nimbusdicom.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.FailureReason;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.store.ingest.InstanceFailure;
import org.nimbusdicom.store.ingest.StoreResult;
import org.nimbusdicom.store.ingest.StoredInstance;

class StoreResponseBuilderTest {

    private static final InstanceIdentifier A = new InstanceIdentifier("1.2", "1.2.3", "1.2.3.4");
    private static final InstanceIdentifier B = new InstanceIdentifier("1.5", "1.5.3", "1.5.3.4");

    @Test
    void allStoredIs200WithStudyAndInstanceUrls() {
        StoreResult result = new StoreResult(null, List.of(new StoredInstance(A, "1.2.840.1", "x")), List.of(), true, null);
        assertEquals(200, result.httpStatus());
        ObjectNode ds = new StoreResponseBuilder("https://pacs.example/dicomweb/").build(result);
        assertEquals("https://pacs.example/dicomweb/studies/1.2", ds.at("/00081190/Value/0").asText());
        assertEquals("UR", ds.at("/00081190/vr").asText());
        assertEquals("SQ", ds.at("/00081199/vr").asText());
        assertEquals("1.2.840.1", ds.at("/00081199/Value/0/00081150/Value/0").asText());
        assertEquals("UI", ds.at("/00081199/Value/0/00081155/vr").asText());
        assertEquals("https://pacs.example/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4",
                ds.at("/00081199/Value/0/00081190/Value/0").asText());
        assertFalse(ds.has("00081198"));
    }

    @Test
    void partialIs202WithFailureReasonsAndNoStudyUrlAcrossStudies() {
        StoreResult result = new StoreResult(null,
                List.of(new StoredInstance(A, "1.2.840.1", "x"), new StoredInstance(B, "1.2.840.1", "y")),
                List.of(new InstanceFailure(null, null, FailureReason.CANNOT_UNDERSTAND, "garbage"),
                        new InstanceFailure("1.2.840.1", "9.9", FailureReason.SOP_INSTANCE_ALREADY_EXISTS, "dup")),
                false, null);
        assertEquals(202, result.httpStatus());
        ObjectNode ds = new StoreResponseBuilder("http://h").build(result);
        assertFalse(ds.has("00081190"), "two studies: no single study RetrieveURL");
        assertEquals(49152, ds.at("/00081198/Value/0/00081197/Value/0").asInt());
        assertEquals("US", ds.at("/00081198/Value/0/00081197/vr").asText());
        assertFalse(ds.at("/00081198/Value/0").has("00081155"));
        assertEquals(45070, ds.at("/00081198/Value/1/00081197/Value/0").asInt());
        assertEquals("9.9", ds.at("/00081198/Value/1/00081155/Value/0").asText());
        // DICOM JSON: attributes in ascending tag order
        List<String> keys = new java.util.ArrayList<>();
        ds.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("00081198", "00081199"), keys);
    }

    @Test
    void allFailedIs409AndKeepsTheUrlStudy() {
        StoreResult result = new StoreResult("1.2", List.of(),
                List.of(new InstanceFailure("1.2.840.1", "1.9.9", FailureReason.MISMATCH_STUDY_INSTANCE_UID, "other")),
                true, null);
        assertEquals(409, result.httpStatus());
        ObjectNode ds = new StoreResponseBuilder("http://h").build(result);
        assertEquals("http://h/studies/1.2", ds.at("/00081190/Value/0").asText());
        assertTrue(ds.has("00081198"));
        assertFalse(ds.has("00081199"));
    }
}
