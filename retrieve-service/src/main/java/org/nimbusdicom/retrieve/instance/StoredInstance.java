package org.nimbusdicom.retrieve.instance;

import java.util.List;
import org.nimbusdicom.common.event.BulkDataLocation;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.model.InstanceIdentifier;

/**
 * One indexed instance as retrieve needs it: where its blob and metadata live and, when loaded,
 * where its pixel data and bulk data lie inside the blob.
 *
 * @param pixelData null when not loaded or when the instance has no pixel data
 * @param bulkData empty when not loaded or when there is none
 */
public record StoredInstance(
        InstanceIdentifier identifier,
        String sopClassUid,
        String transferSyntaxUid,
        String storeId,
        String blobKey,
        String metadataKey,
        long sizeBytes,
        Integer numberOfFrames,
        PixelDataDescriptor pixelData,
        List<BulkDataLocation> bulkData) {

    public String studyInstanceUid() {
        return identifier.studyInstanceUid();
    }

    public String seriesInstanceUid() {
        return identifier.seriesInstanceUid();
    }

    public String sopInstanceUid() {
        return identifier.sopInstanceUid();
    }
}
