package org.nimbusdicom.common.io;

import java.util.List;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.event.BulkDataLocation;
import org.nimbusdicom.common.event.PixelDataDescriptor;

/**
 * What {@link InstanceScanner} learned from one Part 10 instance: file meta information, the data
 * set without large binary values (they are {@link org.nimbusdicom.common.data.BulkData}
 * placeholders), where pixel data and other bulk values lie in the file, and the file size.
 */
public final class ScannedInstance {

    private final Attributes fileMetaInformation;
    private final Attributes dataset;
    private final String transferSyntaxUid;
    private final long size;
    private final PixelDataDescriptor pixelData;
    private final List<BulkDataLocation> bulkData;
    private final boolean offsetsReliable;

    ScannedInstance(Attributes fileMetaInformation, Attributes dataset, String transferSyntaxUid, long size,
            PixelDataDescriptor pixelData, List<BulkDataLocation> bulkData, boolean offsetsReliable) {
        this.fileMetaInformation = fileMetaInformation;
        this.dataset = dataset;
        this.transferSyntaxUid = transferSyntaxUid;
        this.size = size;
        this.pixelData = pixelData;
        this.bulkData = List.copyOf(bulkData);
        this.offsetsReliable = offsetsReliable;
    }

    /** The file meta information (group 0002); empty for a raw data set without meta. */
    public Attributes fileMetaInformation() {
        return fileMetaInformation;
    }

    /** The data set (without group 0002); bulk values are {@link org.nimbusdicom.common.data.BulkData}. */
    public Attributes dataset() {
        return dataset;
    }

    /** The transfer syntax of the data set (implicit VR LE when the meta group does not say). */
    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    /** Total number of bytes of the input stream (the whole file, read to its end). */
    public long size() {
        return size;
    }

    /** Where top-level pixel data lies (file offsets), or {@code null} without pixel data. */
    public PixelDataDescriptor pixelData() {
        return pixelData;
    }

    /** Every non-pixel bulk value (tag path, offset, length), in stream order. */
    public List<BulkDataLocation> bulkData() {
        return bulkData;
    }

    /**
     * Whether offsets are file offsets. False for the deflated transfer syntax: offsets then refer
     * to the inflated data set stream and cannot be used for ranged reads of the file.
     */
    public boolean offsetsReliable() {
        return offsetsReliable;
    }
}
