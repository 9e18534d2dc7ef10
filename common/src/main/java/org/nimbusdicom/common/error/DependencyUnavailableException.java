package org.nimbusdicom.common.error;

/**
 * 503: a dependency (Kafka, S3, PostgreSQL) is down or too slow. Always answered with
 * {@code Retry-After}, so clients back off instead of hammering a recovering system.
 */
public class DependencyUnavailableException extends DicomWebException {

    private final int retryAfterSeconds;

    public DependencyUnavailableException(String dependency, Throwable cause) {
        this(dependency, 5, cause);
    }

    public DependencyUnavailableException(String dependency, int retryAfterSeconds, Throwable cause) {
        super(503, dependency + " is unavailable, retry later", FailureReason.OUT_OF_RESOURCES, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for the {@code Retry-After} header. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
