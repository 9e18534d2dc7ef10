package org.nimbusdicom.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.BulkData;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.event.BulkDataLocation;

/**
 * One pass over a Part 10 instance that yields everything the services need without holding
 * pixel data: meta group, data set with {@link BulkData} placeholders for large binary values and
 * top-level pixel data, the pixel data layout ({@link PixelDataLayout}) and the file size.
 *
 * <p>Bulk values are skipped with {@link InputStream#skip} as far as {@link InputStream#available()}
 * vouches for the bytes, otherwise read and discarded, so truncation is always detected. A caller
 * that tees the stream (e.g. to object storage while parsing) must therefore make {@code skip}
 * pass the bytes through, or wrap the stream so {@code available()} returns 0.
 */
public final class InstanceScanner {

    private static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    private static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;

    private InstanceScanner() {
    }

    /** Scans a whole Part 10 stream (reads it to its end; does not close it). */
    public static ScannedInstance scan(InputStream part10, ScanOptions options) throws IOException {
        CountingInputStream counting = new CountingInputStream(part10);
        DicomInputStream dis = new DicomInputStream(counting);
        dis.setMaxValueLength(options.maxElementLength());
        List<BulkDataLocation> bulk = new ArrayList<>();
        long[] pixelHeader = {-1};
        long[] tableOffsets = {-1, -1};
        dis.setHandler((in, parent, tag, vr, length) -> {
            if (in.depth() == 0 && isPixelData(tag)) {
                pixelHeader[0] = in.valueOffset();
                return ValueAction.SKIP;
            }
            if (in.depth() == 0 && (tag == Tag.ExtendedOffsetTable || tag == Tag.ExtendedOffsetTableLengths)) {
                tableOffsets[tag == Tag.ExtendedOffsetTable ? 0 : 1] = in.valueOffset();
                return ValueAction.LOAD; // needed for frame ranges; replaced by a placeholder below if large
            }
            if (vr.isBulkCandidate() && length > options.bulkDataThreshold()) {
                bulk.add(new BulkDataLocation(in.tagPath(tag), in.valueOffset(), length));
                return ValueAction.SKIP;
            }
            return ValueAction.LOAD;
        });
        Attributes meta = dis.readFileMetaInformation();
        Attributes dataset = dis.readDataset();
        String ts = dis.transferSyntaxUid();
        boolean reliable = !dis.deflated();
        counting.drain();
        PixelDataLayout layout = PixelDataLayout.of(dataset, pixelHeader[0], reliable);
        for (int i = 0; i < 2; i++) {
            int tag = i == 0 ? Tag.ExtendedOffsetTable : Tag.ExtendedOffsetTableLengths;
            byte[] b = dataset.getBytes(tag);
            if (b != null && b.length > options.bulkDataThreshold()) {
                long off = tableOffsets[i];
                dataset.setBulkData(tag, dataset.getVR(tag), new BulkData(off, b.length));
                bulk.add(new BulkDataLocation(Tag.toHexString(tag), off, b.length));
            }
        }
        return new ScannedInstance(meta == null ? new Attributes(0) : meta, dataset, ts, counting.count(),
                layout.descriptor(), bulk, reliable);
    }

    static boolean isPixelData(int tag) {
        return tag == Tag.PixelData || tag == FLOAT_PIXEL_DATA || tag == DOUBLE_FLOAT_PIXEL_DATA;
    }
}
