package org.nimbusdicom.common.data;

/**
 * Placeholder for a value known only by its BulkDataURI (e.g. read from DICOM JSON); the
 * JSON writer writes it back unchanged.
 *
 * @param uri the BulkDataURI
 */
public record BulkDataUri(String uri) {
}
