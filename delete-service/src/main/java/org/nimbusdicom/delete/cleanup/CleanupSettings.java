package org.nimbusdicom.delete.cleanup;

import java.time.Duration;
import org.nimbusdicom.delete.config.DeleteConfig;
import org.nimbusdicom.delete.storage.DicomObjectStore;

/**
 * Tuning of one cleanup loop.
 *
 * @param eventsTopic the topic of the deleted events
 * @param retryTopic where objects that keep failing are parked (also consumed)
 * @param deadLetterTopic where unparseable records go
 * @param source CloudEvents source of parked records
 */
public record CleanupSettings(String eventsTopic, String retryTopic, String deadLetterTopic, String source,
        int batchSize, Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    public CleanupSettings {
        batchSize = Math.max(1, Math.min(DicomObjectStore.MAX_KEYS_PER_DELETE, batchSize));
        maxAttempts = Math.max(1, maxAttempts);
    }

    /** Settings from the service configuration. */
    public static CleanupSettings of(DeleteConfig config, String eventsTopic, String retryTopic, String deadLetterTopic) {
        DeleteConfig.Cleanup c = config.cleanup();
        return new CleanupSettings(eventsTopic, retryTopic, deadLetterTopic, config.events().source(), c.batchSize(),
                c.initialBackoff(), c.maxBackoff(), c.maxAttempts());
    }
}
