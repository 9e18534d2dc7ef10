package org.nimbusdicom.store.ingest;

import java.util.List;

/**
 * The outcome of one STOW request, from which the API layer builds the PS3.18 response.
 *
 * @param studyInstanceUid the study of the request URL, or null for {@code POST /studies}
 * @param stored instances durable in S3 and Kafka, in request order
 * @param failed parts not stored, in request order
 * @param indexUpdated whether the indexer confirmed every stored instance (read-your-writes)
 * @param retryAfterSeconds set when processing stopped because a dependency became unavailable
 */
public record StoreResult(
        String studyInstanceUid,
        List<StoredInstance> stored,
        List<InstanceFailure> failed,
        boolean indexUpdated,
        Integer retryAfterSeconds) {

    /** 200 all stored, 202 some failed, 409 all failed. */
    public int httpStatus() {
        if (failed.isEmpty()) {
            return 200;
        }
        return stored.isEmpty() ? 409 : 202;
    }
}
