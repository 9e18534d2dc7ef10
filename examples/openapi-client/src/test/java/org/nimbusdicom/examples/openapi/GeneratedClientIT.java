package org.nimbusdicom.examples.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.client.ApiClient;
import org.nimbusdicom.client.ApiException;
import org.nimbusdicom.client.api.DeleteApi;
import org.nimbusdicom.client.api.RetrieveApi;
import org.nimbusdicom.client.api.SearchApi;

/**
 * The Java client generated from deploy/openapi/nimbus-dicomweb.yaml, against a running stack
 * ({@code -Dnimbus.base-url=http://127.0.0.1:8080}): QIDO, metadata (WADO-RS) and DELETE. The seed
 * instance is stored with plain java.net.http (a multipart/related body is raw bytes).
 */
class GeneratedClientIT {

    // blue-circle.dcm (src/test/resources/seed/README.md)
    private static final String STUDY = "1.2.826.0.1.3680043.8.498.13230779778012324449356534479549187420";
    private static final String SERIES = "1.2.826.0.1.3680043.8.498.77033797676425927098669402985243398207";
    private static final String SOP = "1.2.826.0.1.3680043.8.498.13273713909719068980354078852867170114";

    private final String base = System.getProperty("nimbus.base-url", "").replaceAll("/+$", "");

    @Test
    void searchMetadataAndDeleteWithTheGeneratedClient() throws Exception {
        assumeTrue(!base.isBlank() && !base.startsWith("${"), "-Dnimbus.base-url not given");
        ApiClient client = new ApiClient();
        client.updateBaseUri(base);
        client.setReadTimeout(Duration.ofSeconds(60));
        SearchApi search = new SearchApi(client);
        RetrieveApi retrieve = new RetrieveApi(client);
        DeleteApi delete = new DeleteApi(client);

        // A clean start: an earlier run (or another test) may have left the instance stored.
        try {
            delete.deleteInstance(DeleteApi.APIDeleteInstanceRequest.newBuilder()
                    .study(STUDY).series(SERIES).instance(SOP).build());
        } catch (ApiException e) {
            assertEquals(404, e.getCode(), e.getResponseBody());
        }
        stow("seed/blue-circle.dcm");

        // QIDO
        List<Map<String, Object>> studies = search.searchForStudies(SearchApi.APISearchForStudiesRequest.newBuilder()
                .studyInstanceUID(STUDY).includefield("all").limit(10).build());
        assertEquals(1, studies.size(), studies.toString());
        assertEquals(STUDY, value(studies.get(0), "0020000D"));
        List<Map<String, Object>> instances = search.searchForSeriesInstances(
                SearchApi.APISearchForSeriesInstancesRequest.newBuilder().study(STUDY).series(SERIES).build());
        assertEquals(1, instances.size(), instances.toString());
        assertEquals(SOP, value(instances.get(0), "00080018"));

        // WADO-RS metadata
        List<Map<String, Object>> metadata = retrieve.retrieveInstanceMetadata(
                RetrieveApi.APIRetrieveInstanceMetadataRequest.newBuilder()
                        .study(STUDY).series(SERIES).instance(SOP).build());
        assertEquals(1, metadata.size());
        assertEquals(SOP, value(metadata.get(0), "00080018"));
        assertEquals("ID1", value(metadata.get(0), "00100020"));
        Map<?, ?> pixelData = (Map<?, ?>) metadata.get(0).get("7FE00010");
        assertTrue(String.valueOf(pixelData.get("BulkDataURI")).startsWith(base + "/studies/" + STUDY), pixelData.toString());

        // DELETE, then it is gone for WADO and QIDO (read-your-writes)
        delete.deleteInstance(DeleteApi.APIDeleteInstanceRequest.newBuilder()
                .study(STUDY).series(SERIES).instance(SOP).build());
        ApiException gone = assertThrows(ApiException.class, () -> retrieve.retrieveInstanceMetadata(
                RetrieveApi.APIRetrieveInstanceMetadataRequest.newBuilder()
                        .study(STUDY).series(SERIES).instance(SOP).build()));
        assertEquals(404, gone.getCode());
        assertEquals(List.of(), search.searchForSeriesInstances(
                SearchApi.APISearchForSeriesInstancesRequest.newBuilder().study(STUDY).series(SERIES).build()));
    }

    private static Object value(Map<String, Object> dataset, String tag) {
        Map<?, ?> element = (Map<?, ?>) dataset.get(tag);
        return element == null ? null : ((List<?>) element.get("Value")).get(0);
    }

    /** STOW-RS of one Part 10 file as multipart/related (plain java.net.http). */
    private void stow(String resource) throws IOException, InterruptedException {
        byte[] dicom;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            dicom = in.readAllBytes();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("--nimbus\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        body.write(dicom);
        body.write("\r\n--nimbus--\r\n".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=nimbus")
                .header("Accept", "application/dicom+json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
