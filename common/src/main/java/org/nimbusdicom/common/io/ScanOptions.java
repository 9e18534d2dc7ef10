package org.nimbusdicom.common.io;

/**
 * Options of {@link InstanceScanner}.
 *
 * @param bulkDataThreshold binary values (OB/OD/OF/OL/OV/OW/UN) longer than this many bytes are
 *                          skipped and recorded as bulk data (top-level pixel data always is)
 * @param maxElementLength largest value the scanner loads into memory; longer non-binary values
 *                         fail the scan with {@link DicomParseException} (guards memory)
 */
public record ScanOptions(int bulkDataThreshold, long maxElementLength) {

    /** Default bulk data threshold in bytes (the corpus and PS3.18 metadata convention). */
    public static final int DEFAULT_BULK_DATA_THRESHOLD = 1024;
    /** Default cap on a loaded value: 64 MiB. */
    public static final long DEFAULT_MAX_ELEMENT_LENGTH = 64L << 20;

    public ScanOptions {
        if (bulkDataThreshold < 0 || maxElementLength < 0) {
            throw new IllegalArgumentException("negative scan option");
        }
    }

    /** 1024-byte bulk data threshold, 64 MiB maximum loaded value. */
    public static ScanOptions defaults() {
        return new ScanOptions(DEFAULT_BULK_DATA_THRESHOLD, DEFAULT_MAX_ELEMENT_LENGTH);
    }
}
