package org.nimbusdicom.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Data of {@code org.nimbusdicom.instance.stored.v1}: one instance whose blob and metadata are
 * durable in S3. Never carries pixel data; the full metadata lives in S3 at {@code metadataKey}.
 *
 * @param attributes DICOM JSON (PS3.18 F) object with the patient, study, series and instance
 *                   attributes the index needs (no binary values)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceStoredEvent(
        String studyInstanceUid,
        String seriesInstanceUid,
        String sopInstanceUid,
        String sopClassUid,
        String transferSyntaxUid,
        String storeId,
        String blobKey,
        String metadataKey,
        long size,
        Integer numberOfFrames,
        PixelDataDescriptor pixelData,
        List<BulkDataLocation> bulkData,
        ObjectNode attributes,
        String storedAt) {
}
