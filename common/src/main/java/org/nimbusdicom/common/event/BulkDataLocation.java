package org.nimbusdicom.common.event;

/**
 * A binary value that the metadata references by BulkDataURI instead of inlining it.
 *
 * @param path tag path: {@code 7FE00010} at top level, {@code 00283010/0/00283006} nested
 * @param offset blob offset of the value's first byte
 * @param length value length in bytes
 */
public record BulkDataLocation(String path, long offset, long length) {
}
