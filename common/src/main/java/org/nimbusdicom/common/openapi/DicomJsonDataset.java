package org.nimbusdicom.common.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * OpenAPI only: the schema of one DICOM JSON dataset (a QIDO-RS result, a STOW-RS response, one
 * element of WADO-RS metadata). The services write Jackson trees; this names their shape so the
 * documents (and clients generated from them) type them as maps. Shared by query, store and
 * retrieve so the merged document has one {@code DicomJsonDataset} component (the merger rejects
 * two schemas of that name with different content); keep the name stable for generated clients.
 */
@Schema(name = "DicomJsonDataset", type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
        description = "A DICOM JSON dataset (PS3.18 F.2): tag (8 hex digits) -> {vr, Value | BulkDataURI | InlineBinary}")
public final class DicomJsonDataset {

    private DicomJsonDataset() {
    }
}
