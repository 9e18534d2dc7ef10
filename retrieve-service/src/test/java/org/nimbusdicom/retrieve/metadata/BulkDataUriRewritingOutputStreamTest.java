package org.nimbusdicom.retrieve.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BulkDataUriRewritingOutputStreamTest {

    private static final String BASE = "https://pacs.example.org/dicomweb";

    private static String rewrite(String input, int chunk) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        BulkDataUriRewritingOutputStream out = new BulkDataUriRewritingOutputStream(sink, BASE);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            out.write(bytes, i, Math.min(chunk, bytes.length - i));
        }
        out.finish();
        return sink.toString(StandardCharsets.UTF_8);
    }

    private static String expected(String input) {
        return input.replace("\"BulkDataURI\":\"/", "\"BulkDataURI\":\"" + BASE + "/");
    }

    @Test
    void rewritesEveryRootRelativeUriWhateverTheWriteBoundaries() throws IOException {
        String json = "{\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"/studies/1/series/2/instances/3/bulkdata/7FE00010\"},"
                + "\"00283010\":{\"vr\":\"SQ\",\"Value\":[{\"00283006\":{\"vr\":\"US\",\"BulkDataURI\":\"/studies/1/series/2/"
                + "instances/3/bulkdata/00283010/0/00283006\"}}]}}";
        for (int chunk = 1; chunk <= json.length(); chunk++) {
            assertEquals(expected(json), rewrite(json, chunk), "chunk " + chunk);
        }
    }

    @Test
    void leavesNearMissesAndAbsoluteUrisAlone() throws IOException {
        String json = "{\"a\":\"\\\"BulkDataURI\\\":\\\"/x\",\"BulkDataURI\":\"http://other/x\",\"\"BulkDataURI\":\"/y\","
                + "\"BulkDataURI\":\"\"BulkDataURI\":\"/z\",\"BulkDataURI\"";
        for (int chunk = 1; chunk <= 7; chunk++) {
            assertEquals(expected(json), rewrite(json, chunk));
        }
    }

    @Test
    void partialMatchAtTheEndIsWrittenOut() throws IOException {
        assertEquals("[\"BulkDataURI\":\"", rewrite("[\"BulkDataURI\":\"", 3));
    }

    @Test
    void randomDocumentsMatchStringReplacement() throws IOException {
        Random random = new Random(42);
        String[] pieces = {"\"", "BulkDataURI", "\":\"", "/", "\":\"/", "\"BulkDataURI\":\"/", "x", ",", "{}", "é"};
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String json = sb.toString();
            assertEquals(expected(json), rewrite(json, 1 + random.nextInt(9)), json);
        }
    }

    @Test
    void escapesQuotesInTheBase() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (BulkDataUriRewritingOutputStream out = new BulkDataUriRewritingOutputStream(sink, "http://h/a\"b")) {
            out.write("\"BulkDataURI\":\"/s".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals("\"BulkDataURI\":\"http://h/a\\\"b/s", sink.toString(StandardCharsets.US_ASCII));
    }
}
