package org.nimbusdicom.common.data;

/**
 * Placeholder for a value that was not loaded into memory: where it lies in the source stream.
 *
 * @param offset stream offset of the first value byte (file offset for Part 10 files that are not deflated)
 * @param length value length in bytes
 */
public record BulkData(long offset, long length) {
}
