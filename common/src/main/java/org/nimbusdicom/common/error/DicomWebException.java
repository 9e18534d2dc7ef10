package org.nimbusdicom.common.error;

/**
 * The root of Nimbus' request errors: an HTTP status, a message meant for the client, and an
 * optional DICOM FailureReason. Thrown by services, mapped to a response in exactly one place
 * ({@link DicomWebExceptionMapper}).
 */
public class DicomWebException extends RuntimeException {

    private final int status;
    private final Integer failureReason;

    public DicomWebException(int status, String message) {
        this(status, message, null, null);
    }

    public DicomWebException(int status, String message, Integer failureReason, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.failureReason = failureReason;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The DICOM failure reason, or {@code null}. */
    public Integer failureReason() {
        return failureReason;
    }
}
