package org.nimbusdicom.common.event;

/** One stored copy removed by a delete: its UIDs and the S3 objects the cleanup must remove. */
public record DeletedInstance(
        String seriesInstanceUid,
        String sopInstanceUid,
        String storeId,
        String blobKey,
        String metadataKey) {
}
