package org.nimbusdicom.delete.index;

/** One stored copy of an instance as the index knows it (a row of {@code instance}). */
public record IndexedInstance(
        String studyInstanceUid,
        String seriesInstanceUid,
        String sopInstanceUid,
        String storeId,
        String blobKey,
        String metadataKey) {
}
