package org.nimbusdicom.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A browser viewer on another origin (e.g. OHIF) through the gateway: preflights of STOW, QIDO,
 * WADO and DELETE are answered (the gateway routes OPTIONS to retrieve-service), and the actual
 * answers of every service carry the origin. Runs when {@code -Dnimbus.cors-origin} names an
 * origin the stack allows ({@code nimbus test} starts its stack with one).
 */
class CorsIT {

    static DicomWebHttp client;
    static String origin;

    @BeforeAll
    static void setUp() {
        String base = System.getProperty("nimbus.base-url");
        assertNotNull(base, "-Dnimbus.base-url is required");
        origin = System.getProperty("nimbus.cors-origin", "").split(",")[0].trim();
        assumeTrue(!origin.isEmpty(), "no -Dnimbus.cors-origin: the stack under test has no CORS origin");
        client = new DicomWebHttp(base);
    }

    @Test
    void preflightsOfEveryOperationAreAnswered() throws Exception {
        for (String[] operation : new String[][] {
                {"POST", "/studies", "content-type,authorization"},
                {"GET", "/studies", "authorization"},
                {"GET", "/studies/1.2.3/series/4.5.6/instances/7.8.9/frames/1", "authorization,accept"},
                {"DELETE", "/studies/1.2.3", "authorization"}}) {
            HttpResponse<byte[]> response = client.request("OPTIONS", operation[1], Map.of(
                    "Origin", origin,
                    "Access-Control-Request-Method", operation[0],
                    "Access-Control-Request-Headers", operation[2]));
            String what = operation[0] + " " + operation[1];
            assertEquals(200, response.statusCode(), what);
            assertEquals(origin, header(response, "Access-Control-Allow-Origin"), what);
            assertTrue(header(response, "Access-Control-Allow-Methods").contains(operation[0]), what);
            assertTrue(header(response, "Access-Control-Allow-Headers").toLowerCase().contains("authorization"), what);
        }
    }

    @Test
    void answersOfEachServiceCarryTheOrigin() throws Exception {
        Map<String, String> fromViewer = Map.of("Origin", origin, "Accept", DicomWebHttp.DICOM_JSON);
        // query-service (QIDO), retrieve-service (WADO, an unknown study), delete-service (an unknown study)
        for (String[] call : new String[][] {
                {"GET", "/studies?limit=1", "query"},
                {"GET", "/studies/1.2.3/metadata", "retrieve"},
                {"DELETE", "/studies/1.2.3", "delete"}}) {
            HttpResponse<byte[]> response = client.request(call[0], call[1], fromViewer);
            String what = call[0] + " " + call[1] + " -> " + response.statusCode();
            assertEquals(call[2], header(response, "X-Nimbus-Upstream"), what);
            assertEquals(origin, header(response, "Access-Control-Allow-Origin"), what);
            assertTrue(header(response, "Access-Control-Expose-Headers").contains("Warning"), what);
        }
        // store-service: a STOW that is not DICOM is refused, and the viewer can read why
        HttpResponse<byte[]> stow = client.request("POST", "/studies",
                Map.of("Origin", origin, "Content-Type", "text/plain", "Accept", DicomWebHttp.DICOM_JSON));
        assertEquals("store", header(stow, "X-Nimbus-Upstream"));
        assertEquals(415, stow.statusCode());
        assertEquals(origin, header(stow, "Access-Control-Allow-Origin"));
    }

    @Test
    void otherOriginsGetNoCorsHeaders() throws Exception {
        HttpResponse<byte[]> response = client.request("GET", "/studies?limit=1",
                Map.of("Origin", "http://evil.example.com", "Accept", DicomWebHttp.DICOM_JSON));
        assertEquals(403, response.statusCode());
        assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    private static String header(HttpResponse<byte[]> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
