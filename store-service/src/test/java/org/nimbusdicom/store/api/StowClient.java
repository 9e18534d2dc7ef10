package org.nimbusdicom.store.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts STOW requests with the JDK client: REST Assured's failure logging would render
 * multi-megabyte bodies as text and exhaust the test heap.
 */
final class StowClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StowClient() {
    }

    static String baseUrl() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    /** POST with Content-Length; {@code contentType} null sends no Content-Type. */
    static Reply post(String path, String contentType, byte[] body) {
        return send(path, contentType, HttpRequest.BodyPublishers.ofByteArray(body), false);
    }

    /**
     * POST with Content-Length and {@code Expect: 100-continue}, as curl sends large bodies: the
     * server can refuse on the headers alone, and the client reads that answer instead of racing
     * the connection close while it is still writing the body.
     */
    static Reply postExpectingContinue(String path, String contentType, byte[] body) {
        return send(path, contentType, HttpRequest.BodyPublishers.ofByteArray(body), true);
    }

    /** POST with chunked transfer encoding. */
    static Reply postChunked(String path, String contentType, byte[] body) {
        return send(path, contentType, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), false);
    }

    private static Reply send(String path, String contentType, HttpRequest.BodyPublisher body, boolean expectContinue) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).POST(body)
                .expectContinue(expectContinue).timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer to a STOW request. */
    record Reply(HttpResponse<byte[]> response) {

        int statusCode() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        byte[] asByteArray() {
            return response.body();
        }

        String asString() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + asString(), e);
            }
        }

        @Override
        public String toString() {
            return statusCode() + " " + asString();
        }
    }
}
