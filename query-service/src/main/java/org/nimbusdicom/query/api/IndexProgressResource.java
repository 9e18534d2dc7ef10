package org.nimbusdicom.query.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.query.progress.IndexProgressService;

/**
 * Internal read-your-writes long-poll (not routed by the gateway):
 * {@code GET /internal/index-progress/wait?topic=T&partition=P&offset=O&timeoutMs=N} answers
 * {@code 200 {"applied":true}} as soon as the record at offset O of (T,P) is in the index, or
 * {@code 200 {"applied":false}} after N ms (default 10000, capped at
 * {@code nimbus.query.progress.max-wait}). Non-blocking: a waiting request holds no thread.
 */
@Path("/internal/index-progress")
public class IndexProgressResource {

    /** The answer. */
    public record Progress(boolean applied) {
    }

    private final IndexProgressService service;

    public IndexProgressResource(IndexProgressService service) {
        this.service = service;
    }

    @GET
    @Path("wait")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Wait until an event offset is applied to the index (internal)")
    public CompletionStage<Progress> await(@QueryParam("topic") String topic, @QueryParam("partition") String partition,
            @QueryParam("offset") String offset, @QueryParam("timeoutMs") String timeoutMs) {
        int p = (int) parse("partition", partition, null, Integer.MAX_VALUE);
        long o = parse("offset", offset, null, Long.MAX_VALUE);
        long t = parse("timeoutMs", timeoutMs, 10_000L, Long.MAX_VALUE);
        return service.await(topic, p, o, Duration.ofMillis(t)).thenApply(Progress::new);
    }

    private static long parse(String name, String value, Long defaultValue, long max) {
        if (value == null || value.isBlank()) {
            if (defaultValue == null) {
                throw new InvalidRequestException(name + " is required");
            }
            return defaultValue;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw new InvalidRequestException(name + " must be a non-negative integer");
    }
}
