package org.nimbusdicom.delete.index;

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
import org.nimbusdicom.delete.config.DeleteConfig;
import org.nimbusdicom.delete.event.PublishedEvent;

/**
 * Read-your-writes: asks query-service's internal long-poll whether the indexer has applied the
 * record at (topic, partition, offset). Never throws: an unreachable or slow query-service only
 * means "not known to be applied yet".
 */
@ApplicationScoped
public class IndexProgressClient {

    private static final Logger LOG = Logger.getLogger(IndexProgressClient.class);
    /** Extra time granted over the server-side wait for the HTTP round trip. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final HttpClient http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final DeleteConfig config;

    public IndexProgressClient(@ConfigProperty(name = "nimbus.query-service.url") String baseUrl,
            DeleteConfig config, ObjectMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** True when the indexer applied the event within the configured timeout. */
    public boolean awaitApplied(PublishedEvent event) {
        if (!config.indexWait().enabled()) {
            return false;
        }
        Duration timeout = config.indexWait().timeout();
        URI uri = URI.create(baseUrl + "/internal/index-progress/wait?topic="
                + URLEncoder.encode(event.topic(), StandardCharsets.UTF_8)
                + "&partition=" + event.partition() + "&offset=" + event.offset()
                + "&timeoutMs=" + timeout.toMillis());
        HttpRequest request = HttpRequest.newBuilder(uri).GET()
                .timeout(timeout.plus(MARGIN))
                .header("Accept", "application/json")
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warnf("index progress wait answered %d for %s", response.statusCode(), event);
                return false;
            }
            JsonNode body = json.readTree(response.body());
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
