package org.nimbusdicom.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A minimal DICOMweb client over java.net.http, the way a user without any DICOM library would
 * talk to Nimbus: the tutorial's requests, spelled out, against the gateway's one base URL.
 */
final class DicomWebHttp {

    static final String DICOM = "application/dicom";
    static final String DICOM_JSON = "application/dicom+json";
    static final String MULTIPART_DICOM = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    static final String MULTIPART_OCTET = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    DicomWebHttp(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** STOW-RS with a multipart/related body of Part 10 instances. */
    HttpResponse<byte[]> storeMultipart(String path, List<byte[]> instances) throws IOException, InterruptedException {
        String boundary = "nimbus-e2e-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] instance : instances) {
            body.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(instance);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", DICOM_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** STOW-RS of one instance as a single-part application/dicom body (the tutorial's "store single instance"). */
    HttpResponse<byte[]> storeSinglePart(String path, byte[] instance) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", DICOM)
                .header("Accept", DICOM_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(instance)));
    }

    HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request);
    }

    HttpResponse<byte[]> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** Any method with the given headers and no body (e.g. a CORS preflight). */
    HttpResponse<byte[]> request(String method, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return send(request);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** A body part of a multipart/related response. */
    record Part(String contentType, String contentLocation, byte[] body) {
    }

    /**
     * Splits a multipart/related body (RFC 2046, CRLF) into parts. Test responses are a few MB,
     * so holding them in memory here is fine; the server side streams.
     */
    static List<Part> parts(HttpResponse<byte[]> response) {
        String contentType = response.headers().firstValue("Content-Type").orElseThrow();
        String boundary = parameter(contentType, "boundary");
        if (boundary == null) {
            throw new AssertionError("no boundary in " + contentType);
        }
        byte[] body = response.body();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int start = indexOf(body, delimiter, 0);
        if (start < 0) {
            throw new AssertionError("no boundary line in body");
        }
        while (true) {
            int lineEnd = start + delimiter.length;
            if (lineEnd + 1 < body.length && body[lineEnd] == '-' && body[lineEnd + 1] == '-') {
                return parts;
            }
            int headersStart = indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), lineEnd) + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart - 2);
            String headers = new String(body, headersStart, Math.max(0, headersEnd - headersStart), StandardCharsets.US_ASCII);
            int contentStart = headersEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw new AssertionError("unterminated part");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            parts.add(new Part(header(headers, "Content-Type"), header(headers, "Content-Location"), content));
            start = contentEnd + 2;
        }
    }

    static String parameter(String mediaType, String name) {
        for (String piece : mediaType.split(";")) {
            String p = piece.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = p.substring(eq + 1).trim();
                return value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
