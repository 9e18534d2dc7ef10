package org.nimbusdicom.store.ingest;

/**
 * One part that was not stored, with the DICOM FailureReason for the FailedSOPSequence item and
 * the UIDs when they could be read (null otherwise).
 */
public record InstanceFailure(String sopClassUid, String sopInstanceUid, int failureReason, String message) {
}
