package org.nimbusdicom.retrieve.frame;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.retrieve.Corpus;
import org.nimbusdicom.retrieve.IndexFixtures;
import org.nimbusdicom.retrieve.IndexFixtures.Stored;
import org.nimbusdicom.retrieve.Multipart;
import org.nimbusdicom.retrieve.S3TrafficRecorder;
import org.nimbusdicom.retrieve.SyntheticPart10;
import org.nimbusdicom.retrieve.TestS3;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * Frames against real S3/PostgreSQL: corpus files stored with the codec's frame table, frames
 * compared with the byte ranges of the corpus manifest (pydicom), and S3 traffic recorded to
 * prove that only ranged GETs are made.
 */
@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = @ResourceArg(name = "servers", value = "postgres,s3"))
class FrameRetrieveComponentTest {

    /** Corpus file → expected part media type. */
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("CT_small.dcm", "application/octet-stream");             // native, 1 frame
        FILES.put("SC_rgb_small_odd.dcm", "application/octet-stream");     // native, 27-byte frame (padded value)
        FILES.put("rtdose.dcm", "application/octet-stream");               // native, implicit VR, 15 frames
        FILES.put("SC_rgb_rle_2frame.dcm", "image/x-dicom-rle");           // encapsulated with BOT
        FILES.put("rtdose_rle.dcm", "image/x-dicom-rle");                  // encapsulated, empty BOT, fragment per frame
        FILES.put("synth_mf4_jpegls_bot.dcm", "image/jls");                // JPEG-LS, BOT, 4 frames
        FILES.put("synth_eot_rle_16bit_2frame.dcm", "image/x-dicom-rle");  // extended offset table
        FILES.put("JPEG-lossy.dcm", "image/jpeg");                         // several fragments, one frame
        FILES.put("JPEG2000.dcm", "image/jp2");
    }

    private static final Map<String, Stored> STORED = new LinkedHashMap<>();
    private static Stored synthetic;
    private static SyntheticPart10 syntheticFile;

    @BeforeEach
    void storeOnce() throws Exception {
        if (synthetic != null) {
            return;
        }
        IndexFixtures fixtures = TestS3.fixtures();
        String study = IndexFixtures.newUid();
        String series = IndexFixtures.newUid();
        int number = 1;
        for (String name : FILES.keySet()) {
            STORED.put(name, fixtures.storeCorpusFile(name, study, series, number++));
        }
        InstanceIdentifier id = new InstanceIdentifier(IndexFixtures.newUid(), IndexFixtures.newUid(), IndexFixtures.newUid());
        syntheticFile = SyntheticPart10.multiFrame(id.studyInstanceUid(), id.seriesInstanceUid(), id.sopInstanceUid(), 32, 32, 500);
        synthetic = fixtures.storeScanned(syntheticFile.bytes, id, 1);
    }

    private static List<Multipart.Part> parts(Response response) throws Exception {
        return Multipart.parse(response.asByteArray(), response.getHeader("Content-Type"));
    }

    private static String allFrames(int n) {
        StringJoiner joiner = new StringJoiner(",");
        for (int i = 1; i <= n; i++) {
            joiner.add(Integer.toString(i));
        }
        return joiner.toString();
    }

    @Test
    void everyFrameEqualsTheManifestRangesUsingRangedGetsOnly() throws Exception {
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            String name = file.getKey();
            Stored stored = STORED.get(name);
            int frames = Corpus.manifestFrames(name).size();
            S3TrafficRecorder.reset();
            Response response = given().header("Accept", "*/*")
                    .get(stored.id().path() + "/frames/" + allFrames(frames));
            response.then().statusCode(200).header("Content-Type", containsString("type=\"" + file.getValue() + "\""));
            List<Multipart.Part> parts = parts(response);
            assertEquals(frames, parts.size(), name);
            for (int n = 1; n <= frames; n++) {
                Multipart.Part part = parts.get(n - 1);
                assertArrayEquals(Corpus.manifestFrame(name, n), part.body(), name + " frame " + n);
                assertTrue(part.header("Content-Type").startsWith(file.getValue() + "; transfer-syntax="), part.header("Content-Type"));
                assertTrue(part.header("Content-Location").endsWith(stored.id().path() + "/frames/" + n));
            }
            List<S3TrafficRecorder.Get> gets = S3TrafficRecorder.gets(stored.blobKey());
            assertTrue(gets.size() >= 1 && gets.size() <= frames, name + ": one ranged GET per frame, got " + gets);
            for (S3TrafficRecorder.Get get : gets) {
                assertNotNull(get.range(), name + ": a GET without Range downloads the whole instance");
            }
            long expectedBytes = 0;
            for (int n = 1; n <= frames; n++) {
                expectedBytes += Corpus.manifestFrame(name, n).length;
            }
            long read = gets.stream().mapToLong(S3TrafficRecorder.Get::contentLength).sum();
            // fragments of one frame are read in one GET including the 8-byte item headers between them
            assertTrue(read >= expectedBytes && read <= expectedBytes + 8L * 64, name + ": read " + read + " for " + expectedBytes);
        }
    }

    @Test
    void framesOfA500FrameInstanceAreReadByRangeOnly() throws Exception {
        S3TrafficRecorder.reset();
        Response response = given().get(synthetic.id().path() + "/frames/1,250,500");
        response.then().statusCode(200)
                .header("Content-Type", containsString("type=\"application/octet-stream\""));
        List<Multipart.Part> parts = parts(response);
        assertEquals(3, parts.size());
        assertArrayEquals(syntheticFile.frame(1), parts.get(0).body());
        assertArrayEquals(syntheticFile.frame(250), parts.get(1).body());
        assertArrayEquals(syntheticFile.frame(500), parts.get(2).body());
        assertEquals("application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1", parts.get(1).header("Content-Type"));
        assertEquals(Integer.toString(syntheticFile.frameLength), parts.get(1).header("Content-Length"));

        List<S3TrafficRecorder.Get> gets = S3TrafficRecorder.gets(synthetic.blobKey());
        assertEquals(3, gets.size(), gets.toString());
        long read = gets.stream().mapToLong(S3TrafficRecorder.Get::contentLength).sum();
        assertEquals(3L * syntheticFile.frameLength, read, "bytes read from S3");
        assertTrue(read * 100 < syntheticFile.bytes.length, "a small fraction of the " + syntheticFile.bytes.length + "-byte blob");
        long offset250 = syntheticFile.pixelValueOffset + 249L * syntheticFile.frameLength;
        assertTrue(gets.stream().anyMatch(g -> ("bytes=" + offset250 + "-" + (offset250 + syntheticFile.frameLength - 1))
                .equals(g.range())), gets.toString());
    }

    @Test
    void singleFrameAsSinglePartOctetStream() {
        Response response = given().header("Accept", "application/octet-stream").get(synthetic.id().path() + "/frames/7");
        response.then().statusCode(200)
                .header("Content-Type", "application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1")
                .header("Content-Length", Integer.toString(syntheticFile.frameLength));
        assertArrayEquals(syntheticFile.frame(7), response.asByteArray());
    }

    @Test
    void compressedFramesWithTheirMediaTypeOrOctetStreamWildcard() throws Exception {
        Stored jls = STORED.get("synth_mf4_jpegls_bot.dcm");
        for (String accept : List.of("multipart/related; type=\"image/jls\"",
                "multipart/related; type=\"image/jls\"; transfer-syntax=1.2.840.10008.1.2.4.80",
                "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*")) {
            Response response = given().header("Accept", accept).get(jls.id().path() + "/frames/3");
            response.then().statusCode(200).header("Content-Type", containsString("type=\"image/jls\""));
            List<Multipart.Part> parts = parts(response);
            assertEquals(1, parts.size());
            assertEquals("image/jls; transfer-syntax=1.2.840.10008.1.2.4.80", parts.get(0).header("Content-Type"));
            assertArrayEquals(Corpus.manifestFrame("synth_mf4_jpegls_bot.dcm", 3), parts.get(0).body());
        }
        Response single = given().header("Accept", "image/jls").get(jls.id().path() + "/frames/2");
        single.then().statusCode(200).header("Content-Type", "image/jls; transfer-syntax=1.2.840.10008.1.2.4.80");
        assertArrayEquals(Corpus.manifestFrame("synth_mf4_jpegls_bot.dcm", 2), single.asByteArray());
    }

    @Test
    void mismatchedAcceptIsNotAcceptable() {
        Stored jls = STORED.get("synth_mf4_jpegls_bot.dcm");
        given().header("Accept", "multipart/related; type=\"application/octet-stream\"").get(jls.id().path() + "/frames/1")
                .then().statusCode(406).body("message", containsString("image/jls"));
        given().header("Accept", "multipart/related; type=\"image/jpeg\"").get(jls.id().path() + "/frames/1")
                .then().statusCode(406);
        given().header("Accept", "multipart/related; type=\"image/jpeg\"").get(synthetic.id().path() + "/frames/1")
                .then().statusCode(406);
        given().header("Accept", "application/dicom").get(synthetic.id().path() + "/frames/1").then().statusCode(406);
        given().header("Accept", "application/octet-stream").get(synthetic.id().path() + "/frames/1,2").then().statusCode(406);
    }

    @Test
    void frameNumbersAreValidated() {
        String path = synthetic.id().path() + "/frames/";
        given().get(path + "501").then().statusCode(404).body("message", containsString("frame 501"))
                .body("message", containsString("500 frames"));
        given().get(path + "1,600,2").then().statusCode(404).body("message", containsString("frame 600"));
        given().get(path + "0").then().statusCode(400);
        given().get(path + "1,a").then().statusCode(400).body("message", containsString("'a'"));
        given().get(path + "1,,2").then().statusCode(400);
        Stored ct = STORED.get("CT_small.dcm");
        given().get(ct.id().path() + "/frames/2").then().statusCode(404).body("message", containsString("1 frame"));
    }

    @Test
    void unknownInstanceAndHead() {
        given().get(synthetic.id().series().path() + "/instances/" + IndexFixtures.newUid() + "/frames/1")
                .then().statusCode(404).body("message", containsString("not found in series"));
        Response head = given().head(synthetic.id().path() + "/frames/1,2");
        head.then().statusCode(200).header("Content-Type", containsString("multipart/related"));
        assertEquals(0, head.asByteArray().length);
    }
}
