package org.nimbusdicom.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Read-your-writes for the services that produce events (store, delete): asks query-service's
 * internal long-poll {@code GET /internal/index-progress/wait?topic=T&partition=P&offset=O&timeoutMs=N}
 * whether the indexer has applied the record at (topic, partition, offset). Never throws: an
 * unreachable or slow query-service only means "not known to be applied yet" — the data is
 * durable either way and the caller answers with a Warning.
 *
 * <p>With OIDC on, query-service requires a service token on {@code /internal/*}: the caller passes
 * a supplier of access tokens (client credentials grant), sent as {@code Authorization: Bearer}.
 */
public final class IndexProgressWaiter {

    private static final System.Logger LOG = System.getLogger(IndexProgressWaiter.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Extra time granted over the server-side wait for the HTTP round trip. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final String baseUrl;
    private final HttpClient http;
    private final Supplier<Optional<String>> accessToken;

    /** Without authentication (OIDC off). @param queryServiceUrl base URL of query-service (internal, not the gateway) */
    public IndexProgressWaiter(String queryServiceUrl) {
        this(queryServiceUrl, Optional::empty);
    }

    /**
     * @param queryServiceUrl base URL of query-service (internal, not the gateway)
     * @param accessToken called before every wait (callers cache and refresh); empty = no header.
     *        A failure counts like an unreachable query-service: "not known to be applied"
     */
    public IndexProgressWaiter(String queryServiceUrl, Supplier<Optional<String>> accessToken) {
        this.accessToken = accessToken;
        this.baseUrl = queryServiceUrl.endsWith("/")
                ? queryServiceUrl.substring(0, queryServiceUrl.length() - 1) : queryServiceUrl;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Waits until the indexer has applied the record, at most {@code timeout}.
     *
     * @return true when query-service confirmed it; false on timeout or any error
     */
    public boolean awaitApplied(String topic, int partition, long offset, Duration timeout) {
        long timeoutMs = Math.max(0, timeout.toMillis());
        URI uri = URI.create(baseUrl + "/internal/index-progress/wait?topic="
                + URLEncoder.encode(topic, StandardCharsets.UTF_8)
                + "&partition=" + partition + "&offset=" + offset + "&timeoutMs=" + timeoutMs);
        String record = topic + "/" + partition + "/" + offset;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET()
                    .timeout(Duration.ofMillis(timeoutMs).plus(MARGIN))
                    .header("Accept", "application/json");
            accessToken.get().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
            HttpRequest request = builder.build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.log(System.Logger.Level.WARNING, "index progress wait answered {0} for {1}",
                        response.statusCode(), record);
                return false;
            }
            JsonNode body = MAPPER.readTree(response.body());
            return body != null && body.path("applied").asBoolean(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "index progress wait failed for {0}: {1}", record, e.toString());
            return false;
        }
    }
}
