package org.nimbusdicom.query.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * OpenAPI only: the schema of one QIDO-RS result. The resource writes Jackson trees; this names
 * their shape so the document (and clients generated from it) types results as maps.
 */
@Schema(name = "DicomJsonDataset", type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
        description = "A DICOM JSON dataset (PS3.18 F.2): tag (8 hex digits) -> {vr, Value | BulkDataURI | InlineBinary}")
final class DicomJsonDataset {

    private DicomJsonDataset() {
    }
}
