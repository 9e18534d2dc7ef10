package org.nimbusdicom.query.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.query.QueryTestSupport.CT_IMAGE;
import static org.nimbusdicom.query.QueryTestSupport.MR_IMAGE;
import static org.nimbusdicom.query.QueryTestSupport.attrs;
import static org.nimbusdicom.query.QueryTestSupport.sendAndAwait;
import static org.nimbusdicom.query.QueryTestSupport.stored;
import static org.nimbusdicom.query.QueryTestSupport.uid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.query.QueryTestSupport;
import org.nimbusdicom.query.model.Instance;
import org.nimbusdicom.query.model.Series;
import org.nimbusdicom.query.model.Study;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * The Panache path for the scoped listings ({@link ScopedListing}) against the dynamic SQL path:
 * the same request with a universal matching key ({@code Modality=*}, {@code SOPInstanceUID=*})
 * goes through {@link QidoRepository} and must give a byte-identical answer. Also reads the rows
 * through the entities, so a mapping that loads wrong values (not only a missing column, which
 * {@code schema-management.strategy=validate} of the test profile already refuses at boot) fails.
 */
@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = {
        @ResourceArg(name = "migrate", value = "false"), @ResourceArg(name = "servers", value = "postgres,kafka")})
class ScopedListingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static boolean loaded;
    private static String study;
    private static String otherStudy;
    private static String ct;
    private static String mr;
    private static String otherSeries;
    private static List<String> ctInstances;

    @BeforeEach
    void loadOnce() {
        if (loaded) {
            return;
        }
        study = uid();
        otherStudy = uid();
        ct = uid();
        mr = uid();
        otherSeries = uid();
        ctInstances = List.of(uid(), uid(), uid(), uid(), uid());
        QueryTestSupport.Attrs base = attrs().put("00100010", "PN", "Scope^Test").put("00100020", "LO", "SCOPE-1")
                .put("00080020", "DA", "20240301").put("00080030", "TM", "0930").put("00080201", "SH", "+0100");
        Object[] events = new Object[ctInstances.size() + 2];
        for (int i = 0; i < ctInstances.size(); i++) {
            QueryTestSupport.Attrs a = copy(base).put("00080060", "CS", "CT").put("00200011", "IS", 1)
                    .put("0008103E", "LO", "Axial").put("00200013", "IS", i + 1).put("00280010", "US", 16)
                    .put("00280011", "US", 16).put("00280100", "US", 16);
            // the first instance has no character set: the answer takes it from the parents
            events[i] = stored(study, ct, ctInstances.get(i), CT_IMAGE, i == 0 ? a : a.put("00080005", "CS", "ISO_IR 100"));
        }
        events[ctInstances.size()] = stored(study, mr, uid(), MR_IMAGE, copy(base).put("00080060", "CS", "MR")
                .put("00200011", "IS", 2).put("00400244", "DA", "20240301").put("00400245", "TM", "093000"));
        events[ctInstances.size() + 1] = stored(otherStudy, otherSeries, uid(), CT_IMAGE,
                attrs().put("00100010", "PN", "Other^Study").put("00080060", "CS", "CT"));
        sendAndAwait(events);
        loaded = true;
    }

    @Test
    void seriesOfAStudyEqualsTheDynamicQuery() {
        String path = "/studies/" + study + "/series";
        JsonNode entityPath = get(path);
        assertThat(uids(entityPath, "0020000E"), contains(ct, mr));
        assertEquals(get(path, "Modality", "*"), entityPath);
        // the study-level default TimezoneOffsetFromUTC comes from the parent study row
        assertEquals("+0100", entityPath.get(0).get("00080201").get("Value").get(0).asText());
        for (int offset = 0; offset < 3; offset++) {
            assertEquals(get(path, "Modality", "*", "limit", "1", "offset", String.valueOf(offset)),
                    get(path, "limit", "1", "offset", String.valueOf(offset)));
        }
    }

    @Test
    void instancesOfASeriesEqualsTheDynamicQuery() {
        String path = "/studies/" + study + "/series/" + ct + "/instances";
        JsonNode entityPath = get(path);
        assertEquals(ctInstances, uids(entityPath, "00080018"));
        assertEquals(get(path, "SOPInstanceUID", "*"), entityPath);
        assertEquals("ISO_IR 100", entityPath.get(0).get("00080005").get("Value").get(0).asText());
        assertEquals(get(path, "SOPInstanceUID", "*", "limit", "2", "offset", "3"), get(path, "limit", "2", "offset", "3"));
        assertEquals(ctInstances.subList(3, 5), uids(get(path, "limit", "2", "offset", "3"), "00080018"));
    }

    @Test
    void unknownOrForeignScopeIsEmpty() {
        assertThat(uids(get("/studies/" + uid() + "/series"), "0020000E"), empty());
        assertThat(uids(get("/studies/" + study + "/series/" + uid() + "/instances"), "00080018"), empty());
        // a series that exists, but in another study
        assertThat(uids(get("/studies/" + study + "/series/" + otherSeries + "/instances"), "00080018"), empty());
        assertEquals(1, uids(get("/studies/" + otherStudy + "/series/" + otherSeries + "/instances"), "00080018").size());
    }

    @Test
    @TestTransaction
    void entitiesReadTheIndexRows() {
        Study st = Study.findById(study);
        assertNotNull(st);
        assertEquals("scope^test", st.patientNameNorm);
        assertEquals(LocalDate.of(2024, 3, 1), st.studyDate);
        assertEquals(LocalTime.of(9, 30), st.studyTime);
        assertArrayEquals(new String[] {"CT", "MR"}, st.modalitiesInStudy);
        assertArrayEquals(new String[] {CT_IMAGE, MR_IMAGE}, st.sopClassesInStudy);
        assertEquals(2, st.numberOfStudyRelatedSeries);
        assertEquals(6, st.numberOfStudyRelatedInstances);
        assertTrue(st.attributes.contains("SCOPE-1"), st.attributes);
        assertTrue(st.studyKey > 0);
        assertNotNull(st.createdAt);

        Series se = Series.findById(mr);
        assertEquals(study, se.studyInstanceUid);
        assertEquals(2, se.seriesNumber);
        assertEquals(LocalDate.of(2024, 3, 1), se.performedProcedureStepStartDate);
        assertEquals(LocalTime.of(9, 30), se.performedProcedureStepStartTime);
        assertEquals(1, se.numberOfSeriesRelatedInstances);

        Instance first = Instance.findById(ctInstances.get(0));
        assertEquals(ct, first.seriesInstanceUid);
        assertEquals(CT_IMAGE, first.sopClassUid);
        assertEquals(16, first.rows);
        assertEquals(16, first.columns);
        assertEquals(1, first.instanceNumber);
        assertEquals(1234L, first.sizeBytes);
        assertTrue(first.blobKey.endsWith(first.storeId + ".dcm"), first.blobKey);
        assertEquals(5, Instance.count("seriesInstanceUid", ct));
        assertEquals(2, Series.count("studyInstanceUid", study));
    }

    private static JsonNode get(String path, String... params) {
        var request = given().accept("application/dicom+json");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        try {
            return MAPPER.readTree(request.get(path).then().statusCode(200).extract().asByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> uids(JsonNode results, String tag) {
        return java.util.stream.StreamSupport.stream(results.spliterator(), false)
                .map(r -> r.get(tag).get("Value").get(0).asText()).toList();
    }

    private static QueryTestSupport.Attrs copy(QueryTestSupport.Attrs a) {
        QueryTestSupport.Attrs c = attrs();
        c.node().setAll(a.node().deepCopy());
        return c;
    }
}
