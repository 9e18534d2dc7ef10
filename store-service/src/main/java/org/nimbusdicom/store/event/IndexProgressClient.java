package org.nimbusdicom.store.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Client of query-service's internal long-poll
 * {@code GET /internal/index-progress/wait?topic=T&partition=P&offset=O&timeoutMs=N}, which
 * answers {@code {"applied":true}} once the indexer has applied the record at offset O. Any error
 * counts as "not applied": the data is durable either way, the caller only adds a Warning.
 */
@ApplicationScoped
public class IndexProgressClient {

    private static final Logger LOG = Logger.getLogger(IndexProgressClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;

    public IndexProgressClient(@ConfigProperty(name = "nimbus.query-service.url") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Waits until the indexer has applied {@code event}, at most {@code timeout}.
     *
     * @return true when query-service confirmed it; false on timeout or any error
     */
    public boolean awaitApplied(PublishedEvent event, Duration timeout) {
        long timeoutMs = Math.max(0, timeout.toMillis());
        URI uri = URI.create(baseUrl + "/internal/index-progress/wait?topic="
                + URLEncoder.encode(event.topic(), StandardCharsets.UTF_8)
                + "&partition=" + event.partition() + "&offset=" + event.offset() + "&timeoutMs=" + timeoutMs);
        HttpRequest request = HttpRequest.newBuilder(uri).GET()
                .timeout(Duration.ofMillis(timeoutMs + 2000))
                .header("Accept", "application/json")
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warnf("index progress wait answered %d for %s", response.statusCode(), event);
                return false;
            }
            JsonNode body = MAPPER.readTree(response.body());
            return body != null && body.path("applied").asBoolean(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("index progress wait failed for %s: %s", event, e.toString());
            return false;
        }
    }
}
