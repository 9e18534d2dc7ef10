package org.nimbusdicom.query.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.nimbusdicom.query.QueryTestSupport.CT_IMAGE;
import static org.nimbusdicom.query.QueryTestSupport.MR_IMAGE;
import static org.nimbusdicom.query.QueryTestSupport.attrs;
import static org.nimbusdicom.query.QueryTestSupport.sendAndAwait;
import static org.nimbusdicom.query.QueryTestSupport.stored;
import static org.nimbusdicom.query.QueryTestSupport.token;
import static org.nimbusdicom.query.QueryTestSupport.uid;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.query.QueryTestSupport;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * QIDO-RS over HTTP against an index filled through the real topic. Every query is scoped by
 * this run's PatientID prefix (or a study path), so data of other tests never interferes.
 */
@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = {
        @ResourceArg(name = "migrate", value = "false"), @ResourceArg(name = "servers", value = "postgres,kafka")})
class QidoResourceTest {

    private static final String DICOM_JSON = "application/dicom+json";
    private static boolean loaded;
    private static String t; // PatientID prefix of this run
    private static String s1;
    private static String s2;
    private static String s3;
    private static String s1ct;
    private static String s1mr;
    private static String s2mr;
    private static String i1;
    private static String i2;
    private static String i3;
    private static String i4;

    @BeforeEach
    void loadOnce() {
        if (loaded) {
            return;
        }
        t = "Q" + token();
        s1 = uid();
        s2 = uid();
        s3 = uid();
        s1ct = uid();
        s1mr = uid();
        s2mr = uid();
        i1 = uid();
        i2 = uid();
        i3 = uid();
        i4 = uid();
        QueryTestSupport.Attrs study1 = attrs().put("00100010", "PN", "Doe^John").put("00100020", "LO", t + "-1")
                .put("00100030", "DA", "19700101").put("00100040", "CS", "M").put("00101010", "AS", "050Y")
                .put("00080020", "DA", "20200115").put("00080030", "TM", "101500").put("00080050", "SH", "ACC-" + t + "-1")
                .put("00200010", "SH", "S1").put("00081030", "LO", "Chest CT").put("00080090", "PN", "House^Gregory")
                .put("00080005", "CS", "ISO_IR 192");
        sendAndAwait(
                stored(s1, s1ct, i1, CT_IMAGE, copy(study1).put("00080060", "CS", "CT").put("00200011", "IS", 1)
                        .put("0008103E", "LO", "Axial 5mm").put("00180015", "CS", "CHEST").put("00400244", "DA", "20200115")
                        .put("00400245", "TM", "1015").put("00200013", "IS", 1).put("00280010", "US", 512)
                        .put("00280011", "US", 512).put("00280100", "US", 16)),
                stored(s1, s1ct, i2, CT_IMAGE, copy(study1).put("00080060", "CS", "CT").put("00200011", "IS", 1)
                        .put("0008103E", "LO", "Axial 5mm").put("00200013", "IS", 2).put("00280010", "US", 256)),
                stored(s1, s1mr, i3, MR_IMAGE, copy(study1).put("00080060", "CS", "MR").put("00200011", "IS", 2)
                        .put("0008103E", "LO", "T1").put("00200013", "IS", 1)));
        // one study after the other: the index order (and so the expected paging order) is s1, s2, s3
        sendAndAwait(
                stored(s2, s2mr, i4, MR_IMAGE, attrs().put("00100010", "PN", "Smith^Jane^Q").put("00100020", "LO", t + "-2")
                        .put("00100030", "DA", "19851231").put("00100040", "CS", "F").put("00080020", "DA", "20210620")
                        .put("00080030", "TM", "083000").put("00080090", "PN", "Wilson^James").put("00080060", "CS", "MR")
                        .put("00200011", "IS", 3)));
        sendAndAwait(
                stored(s3, uid(), uid(), CT_IMAGE, attrs().put("00100010", "PN", "Doeman^Richard").put("00100020", "LO", t + "-3")
                        .put("00080020", "DA", "20211231").put("00080030", "TM", "235959").put("00080060", "CS", "CT")
                        .put("00200011", "IS", 1)));
        loaded = true;
    }

    private static QueryTestSupport.Attrs copy(QueryTestSupport.Attrs a) {
        QueryTestSupport.Attrs c = attrs();
        c.node().setAll(a.node().deepCopy());
        return c;
    }

    private static ValidatableResponse qido(String path, Object... params) {
        var request = given().accept(DICOM_JSON);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.get(path).then();
    }

    private static List<String> studyUids(String path, Object... params) {
        return qido(path, params).statusCode(200).contentType(DICOM_JSON).extract().jsonPath().getList("'0020000D'.Value.flatten()");
    }

    private static List<Object> uids(String tag, String path, Object... params) {
        return qido(path, params).statusCode(200).extract().jsonPath().getList("'" + tag + "'.Value.flatten()");
    }

    // ---- study level ----

    @Test
    void studyLevelDefaultsCountsAndRetrieveUrl() {
        qido("/studies", "PatientID", t + "-1").statusCode(200).contentType(DICOM_JSON)
                .body("size()", is(1))
                .body("[0].'0020000D'.vr", is("UI"))
                .body("[0].'0020000D'.Value[0]", is(s1))
                .body("[0].'00100010'.vr", is("PN"))
                .body("[0].'00100010'.Value[0].Alphabetic", is("Doe^John"))
                .body("[0].'00100020'.Value[0]", is(t + "-1"))
                .body("[0].'00100030'.Value[0]", is("19700101"))
                .body("[0].'00080020'.Value[0]", is("20200115"))
                .body("[0].'00080030'.Value[0]", is("101500"))
                .body("[0].'00080050'.Value[0]", is("ACC-" + t + "-1"))
                .body("[0].'00080090'.Value[0].Alphabetic", is("House^Gregory"))
                .body("[0].'00080005'.Value[0]", is("ISO_IR 192"))
                .body("[0].'00080056'.Value[0]", is("ONLINE"))
                .body("[0].'00080061'.Value", contains("CT", "MR"))
                .body("[0].'00201206'.vr", is("IS"))
                .body("[0].'00201206'.Value[0]", is(2))
                .body("[0].'00201208'.Value[0]", is(3))
                .body("[0].'00081190'.vr", is("UR"))
                .body("[0].'00081190'.Value[0]", endsWith("/studies/" + s1))
                .body("[0]", not(hasKey("00101010"))) // PatientAge: not a default
                .body("[0]", not(hasKey("00080060"))) // series attributes never at study level
                .body("[0]", not(hasKey("00080062")));
    }

    @Test
    void uidSingleAndListMatching() {
        List<String> both = studyUids("/studies", "StudyInstanceUID", s1 + "," + s2);
        org.hamcrest.MatcherAssert.assertThat(both, contains(s1, s2));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "StudyInstanceUID", s3), contains(s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "0020000D", s2 + "\\" + s3), contains(s2, s3));
    }

    @Test
    void personNameExactWildcardAndFuzzyMatching() {
        String scope = t + "-*";
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "PatientName", "doe^john"), contains(s1));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "PatientName", "Doe*"), contains(s1, s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "PatientName", "D?e^J*"), contains(s1));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "PatientName", "*jane*"), contains(s2));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "PatientName", "Doe"), empty());
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "fuzzymatching", "true", "PatientName", "jo"), contains(s1));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "fuzzymatching", "true", "PatientName", "doe"), contains(s1, s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "fuzzymatching", "true", "PatientName", "rich DOEM"), contains(s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "fuzzymatching", "true", "PatientName", "ohn"), empty());
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "fuzzymatching", "true", "ReferringPhysicianName", "jam"), contains(s2));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "ReferringPhysicianName", "HOUSE^GREGORY"), contains(s1));
    }

    @Test
    void stringMatchingIsExactOrWildcardAndCaseSensitive() {
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", t + "-2"), contains(s2));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", t + "-?"), contains(s1, s2, s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "AccessionNumber", "ACC-" + t + "-1"), contains(s1));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", t + "-*", "StudyDescription", "chest ct"), empty());
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", t + "-*", "StudyDescription", "Chest*"), contains(s1));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", t + "-*", "StudyID", "S1"), contains(s1));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", t + "-*", "PatientSex", "F"), contains(s2));
        // a LIKE metacharacter in the value matches literally
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", t + "%"), empty());
    }

    @Test
    void dateAndTimeRangeMatching() {
        String scope = t + "-*";
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "StudyDate", "20200115"), contains(s1));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "StudyDate", "20210101-"), contains(s2, s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "StudyDate", "-20201231"), contains(s1));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "StudyDate", "20210101-20210701"), contains(s2));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "StudyTime", "0800-0900"), contains(s2));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "StudyTime", "2359"), contains(s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "StudyTime", "10-"), contains(s1, s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "PatientBirthDate", "19851231"), contains(s2));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "StudyDate", "20200115", "StudyTime", "1015"), contains(s1));
    }

    @Test
    void modalitiesInStudyAndSopClassesInStudy() {
        String scope = t + "-*";
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "ModalitiesInStudy", "MR"), contains(s1, s2));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "ModalitiesInStudy", "CT"), contains(s1, s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "ModalitiesInStudy", "CT,MR"), contains(s1, s2, s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "SOPClassesInStudy", MR_IMAGE), contains(s1, s2));
        qido("/studies", "StudyInstanceUID", s1, "includefield", "SOPClassesInStudy").statusCode(200)
                .body("[0].'00080062'.Value", contains(CT_IMAGE, MR_IMAGE));
    }

    @Test
    void includefieldByKeywordTagListAndAll() {
        qido("/studies", "StudyInstanceUID", s1, "includefield", "PatientAge").statusCode(200)
                .body("[0].'00101010'.Value[0]", is("050Y"));
        qido("/studies", "StudyInstanceUID", s1, "includefield", "00101010,StudyDescription").statusCode(200)
                .body("[0].'00101010'.Value[0]", is("050Y")).body("[0].'00081030'.Value[0]", is("Chest CT"));
        given().accept(DICOM_JSON).queryParam("StudyInstanceUID", s1).queryParam("includefield", "PatientAge")
                .queryParam("includefield", "SOPClassesInStudy").get("/studies").then().statusCode(200)
                .body("[0]", hasKey("00101010")).body("[0]", hasKey("00080062"));
        qido("/studies", "StudyInstanceUID", s1, "includefield", "all").statusCode(200)
                .body("[0]", hasKey("00101010")).body("[0]", hasKey("00080062")).body("[0]", hasKey("00201208"));
        // matching keys are returned even when not defaults
        qido("/studies", "StudyInstanceUID", s1, "StudyDescription", "*").statusCode(200).body("[0]", hasKey("00081030"));
    }

    @Test
    void pagingIsStableWithLimitAndOffset() {
        String scope = t + "-*";
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "limit", "2"), contains(s1, s2));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "limit", "2", "offset", "2"), contains(s3));
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "offset", "1"), contains(s2, s3));
        qido("/studies", "PatientID", scope, "offset", "3").statusCode(200).body("", empty());
        // a limit above the maximum is capped, not refused
        org.hamcrest.MatcherAssert.assertThat(studyUids("/studies", "PatientID", scope, "limit", "100000"), contains(s1, s2, s3));
    }

    @Test
    void aPageCutAtTheLimitSaysMoreMatchesExist() {
        String scope = t + "-*";
        String more = "299 nimbus \"There are additional results that can be requested\"";
        qido("/studies", "PatientID", scope, "limit", "2").statusCode(200).body("size()", is(2)).header("Warning", is(more));
        qido("/studies", "PatientID", scope, "limit", "2", "offset", "1").statusCode(200).body("size()", is(2))
                .header("Warning", nullValue());
        qido("/studies", "PatientID", scope, "limit", "3").statusCode(200).body("size()", is(3)).header("Warning", nullValue());
        // the entity-backed scoped listings too
        qido("/studies/" + s1 + "/series", "limit", "1").statusCode(200).body("size()", is(1)).header("Warning", is(more));
        qido("/studies/" + s1 + "/series", "limit", "2").statusCode(200).body("size()", is(2)).header("Warning", nullValue());
        qido("/studies/" + s1 + "/series/" + s1ct + "/instances", "limit", "1").statusCode(200).header("Warning", is(more));
        qido("/studies/" + s1 + "/series/" + s1ct + "/instances", "offset", "1").statusCode(200).body("size()", is(1))
                .header("Warning", nullValue());
    }

    @Test
    void emptyResultIs200WithAnEmptyArray() {
        qido("/studies", "PatientID", "nobody-" + t).statusCode(200).contentType(DICOM_JSON).body("", empty());
        qido("/studies/" + uid() + "/series").statusCode(200).body("", empty());
        qido("/studies/" + uid() + "/series/" + uid() + "/instances").statusCode(200).body("", empty());
    }

    // ---- series level ----

    @Test
    void seriesOfAStudy() {
        qido("/studies/" + s1 + "/series").statusCode(200).contentType(DICOM_JSON)
                .body("size()", is(2))
                .body("'0020000E'.Value.flatten()", contains(s1ct, s1mr))
                .body("'00080060'.Value.flatten()", contains("CT", "MR"))
                .body("'00200011'.Value.flatten()", contains(1, 2))
                .body("'00201209'.Value.flatten()", contains(2, 1))
                .body("[0].'0008103E'.Value[0]", is("Axial 5mm"))
                .body("[0].'00400244'.Value[0]", is("20200115"))
                .body("[0].'0020000D'.Value[0]", is(s1))
                .body("[0].'00081190'.Value[0]", endsWith("/studies/" + s1 + "/series/" + s1ct))
                .body("[0]", not(hasKey("00100010"))); // study attributes only for /series
        org.hamcrest.MatcherAssert.assertThat(uids("0020000E", "/studies/" + s1 + "/series", "Modality", "CT"), contains(s1ct));
        org.hamcrest.MatcherAssert.assertThat(uids("0020000E", "/studies/" + s1 + "/series", "SeriesNumber", "2"), contains(s1mr));
        org.hamcrest.MatcherAssert.assertThat(uids("0020000E", "/studies/" + s1 + "/series", "SeriesDescription", "Ax*"), contains(s1ct));
        org.hamcrest.MatcherAssert.assertThat(uids("0020000E", "/studies/" + s1 + "/series", "BodyPartExamined", "CHEST"), contains(s1ct));
        org.hamcrest.MatcherAssert.assertThat(uids("0020000E", "/studies/" + s1 + "/series",
                "PerformedProcedureStepStartDate", "20200101-20200131", "PerformedProcedureStepStartTime", "10-11"), contains(s1ct));
        org.hamcrest.MatcherAssert.assertThat(uids("0020000E", "/studies/" + s1 + "/series", "SeriesInstanceUID", s1mr + "," + s2mr), contains(s1mr));
    }

    @Test
    void allSeriesIncludeStudyAttributesAndMatchOnThem() {
        qido("/series", "PatientID", t + "-1").statusCode(200)
                .body("size()", is(2))
                .body("[0].'00100010'.Value[0].Alphabetic", is("Doe^John"))
                .body("[0].'0020000D'.Value[0]", is(s1))
                .body("[0].'00201208'.Value[0]", is(3));
        org.hamcrest.MatcherAssert.assertThat(uids("0020000E", "/series", "PatientID", t + "-*", "Modality", "MR"), contains(s1mr, s2mr));
        org.hamcrest.MatcherAssert.assertThat(uids("0020000E", "/series", "PatientID", t + "-*", "fuzzymatching", "true",
                "PatientName", "jane", "Modality", "MR"), contains(s2mr));
    }

    // ---- instance level ----

    @Test
    void instancesAtEachScope() {
        org.hamcrest.MatcherAssert.assertThat(uids("00080018", "/instances", "PatientID", t + "-1"), contains(i1, i2, i3));
        qido("/instances", "PatientID", t + "-1").statusCode(200)
                .body("[0].'00100010'.Value[0].Alphabetic", is("Doe^John")) // study defaults
                .body("[0].'00080060'.Value[0]", is("CT")) // series defaults
                .body("[0].'00080016'.Value[0]", is(CT_IMAGE))
                .body("[0].'00280010'.Value[0]", is(512))
                .body("[0].'00280100'.Value[0]", is(16))
                .body("[0].'00081190'.Value[0]", endsWith("/studies/" + s1 + "/series/" + s1ct + "/instances/" + i1));
        qido("/studies/" + s1 + "/instances").statusCode(200)
                .body("'00080018'.Value.flatten()", contains(i1, i2, i3))
                .body("[2].'0020000E'.Value[0]", is(s1mr))
                .body("[0].'0020000D'.Value[0]", is(s1))
                .body("[0]", not(hasKey("00100010")));
        qido("/studies/" + s1 + "/series/" + s1ct + "/instances").statusCode(200)
                .body("'00080018'.Value.flatten()", contains(i1, i2))
                .body("[0].'0020000E'.Value[0]", is(s1ct))
                .body("[0]", not(hasKey("00080060")));
        org.hamcrest.MatcherAssert.assertThat(uids("00080018", "/studies/" + s1 + "/series/" + s1ct + "/instances",
                "InstanceNumber", "2"), contains(i2));
        org.hamcrest.MatcherAssert.assertThat(uids("00080018", "/studies/" + s1 + "/instances", "SOPClassUID", MR_IMAGE), contains(i3));
        org.hamcrest.MatcherAssert.assertThat(uids("00080018", "/studies/" + s1 + "/instances", "SOPInstanceUID", i1 + "," + i3), contains(i1, i3));
        org.hamcrest.MatcherAssert.assertThat(uids("00080018", "/studies/" + s1 + "/instances", "Rows", "256"), contains(i2));
        org.hamcrest.MatcherAssert.assertThat(uids("00080018", "/studies/" + s1 + "/instances", "Modality", "MR"), contains(i3));
        org.hamcrest.MatcherAssert.assertThat(uids("00080018", "/instances", "PatientID", t + "-*", "StudyDate", "20210620"), contains(i4));
        org.hamcrest.MatcherAssert.assertThat(uids("00080018", "/instances", "PatientID", t + "-1", "limit", "1", "offset", "1"), contains(i2));
        qido("/studies/" + s1 + "/instances", "includefield", "all").statusCode(200).body("[0]", hasKey("00100010"));
    }

    @Test
    void retrieveUrlFollowsForwardedHeaders() {
        given().accept(DICOM_JSON).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "pacs.example.org")
                .header("X-Forwarded-Prefix", "/dicomweb").queryParam("StudyInstanceUID", s2)
                .get("/studies").then().statusCode(200)
                .body("[0].'00081190'.Value[0]", is("https://pacs.example.org/dicomweb/studies/" + s2));
    }

    // ---- content negotiation ----

    @Test
    void acceptNegotiation() {
        given().queryParam("StudyInstanceUID", s1).get("/studies").then().statusCode(200).contentType(DICOM_JSON);
        given().accept("application/json").queryParam("StudyInstanceUID", s1).get("/studies").then().statusCode(200)
                .contentType("application/json");
        given().accept("*/*").queryParam("StudyInstanceUID", s1).get("/studies").then().statusCode(200).contentType(DICOM_JSON);
        given().accept("application/xml").queryParam("StudyInstanceUID", s1).get("/studies").then().statusCode(406)
                .body("status", is(406));
        given().accept("multipart/related; type=\"application/dicom+xml\"").get("/series").then().statusCode(406);
        given().accept("application/dicom+json;q=0, application/xml").get("/instances").then().statusCode(406);
    }

    // ---- errors ----

    @Test
    void badRequestsAre400NamingTheParameter() {
        expect400("/studies", "foo", "bar", "foo");
        expect400("/studies", "StudyInstanceUID", "1.2.abc", "StudyInstanceUID");
        expect400("/studies", "StudyInstanceUID", "1.2.*", "StudyInstanceUID");
        expect400("/studies", "StudyDate", "2020-13", "StudyDate");
        expect400("/studies", "StudyDate", "20201231-20200101", "StudyDate");
        expect400("/studies", "StudyTime", "2561", "StudyTime");
        expect400("/studies", "limit", "-1", "limit");
        expect400("/studies", "limit", "0", "limit");
        expect400("/studies", "offset", "abc", "offset");
        expect400("/studies", "fuzzymatching", "maybe", "fuzzymatching");
        expect400("/studies", "includefield", "NotAKeyword", "includefield");
        expect400("/studies", "RequestAttributesSequence", "x", "RequestAttributesSequence");
        expect400("/series", "RequestAttributesSequence.ScheduledProcedureStepID", "1", "sequence");
        expect400("/studies", "Modality", "CT", "Modality"); // series attribute at study level
        expect400("/series", "SOPInstanceUID", uid(), "SOPInstanceUID");
        expect400("/studies/" + s1 + "/series", "SeriesNumber", "one", "SeriesNumber");
        expect400("/studies", "99990010", "x", "99990010");
        given().accept(DICOM_JSON).get("/studies/not-a-uid/series").then().statusCode(400)
                .body("message", containsString("StudyInstanceUID"));
        given().accept(DICOM_JSON).get("/studies/" + s1 + "/series/1..2/instances").then().statusCode(400)
                .body("message", containsString("SeriesInstanceUID"));
        given().accept(DICOM_JSON).queryParam("PatientID", "a").queryParam("PatientID", "b").get("/studies").then()
                .statusCode(400).body("message", containsString("PatientID"));
    }

    private static void expect400(String path, String name, String value, String mentioned) {
        given().accept(DICOM_JSON).queryParam(name, value).get(path).then().statusCode(400)
                .contentType("application/json").body("status", is(400)).body("message", containsString(mentioned));
    }

    @Test
    void retrieveUrlUsesTheRequestBase() {
        qido("/studies", "StudyInstanceUID", s3).statusCode(200)
                .body("[0].'00081190'.Value[0]", startsWith("http://"))
                .body("[0].'00081190'.Value[0]", endsWith("/studies/" + s3));
    }

    @Test
    void ofAllLevelsOnlyMatchesAreReturned() {
        org.hamcrest.MatcherAssert.assertThat(uids("00080018", "/instances", "PatientID", t + "-*", "SOPClassUID", MR_IMAGE),
                containsInAnyOrder(i3, i4));
    }
}
