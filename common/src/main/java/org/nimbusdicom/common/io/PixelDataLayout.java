package org.nimbusdicom.common.io;

import java.util.ArrayList;
import java.util.List;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.BinaryValues;
import org.nimbusdicom.common.data.BulkData;
import org.nimbusdicom.common.data.Fragments;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.data.VR;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.model.ByteRange;

/**
 * Works out where each frame of top-level pixel data lies, from the scanned data set.
 *
 * <p>Native: frame length = Rows x Columns x SamplesPerPixel x BitsAllocated / 8 (unknown for
 * frames that are not whole bytes, missing geometry, an invalid NumberOfFrames or frames that do
 * not fit the value). Encapsulated, in order of preference: the Extended Offset Table
 * (7FE0,0001), a non-empty Basic Offset Table, all fragments for a single frame, one fragment per
 * frame; otherwise unknown ({@code frames == null}). Offsets in the tables are relative to the
 * first byte of the first fragment's item tag (PS3.5 A.4).
 */
final class PixelDataLayout {

    private final PixelDataDescriptor descriptor;

    private PixelDataLayout(PixelDataDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    PixelDataDescriptor descriptor() {
        return descriptor;
    }

    static PixelDataLayout of(Attributes ds, long valueOffset, boolean offsetsReliable) {
        int idx = -1;
        for (int tag : new int[] {Tag.PixelData, 0x7FE00008, 0x7FE00009}) {
            idx = ds.indexOf(tag);
            if (idx >= 0) {
                break;
            }
        }
        if (idx < 0) {
            return new PixelDataLayout(null);
        }
        Object value = ds.valueAt(idx);
        Integer frames = numberOfFrames(ds);
        if (value instanceof Fragments) {
            return new PixelDataLayout(encapsulated(ds, (Fragments) value, valueOffset, frames, offsetsReliable));
        }
        long length = value instanceof BulkData ? ((BulkData) value).length()
                : value instanceof byte[] ? ((byte[]) value).length : 0;
        long offset = value instanceof BulkData ? ((BulkData) value).offset() : valueOffset;
        Long frameLength = null;
        long rows = ds.getInt(Tag.Rows, -1) & 0xFFFFL;
        long columns = ds.getInt(Tag.Columns, -1) & 0xFFFFL;
        int samples = ds.getInt(Tag.SamplesPerPixel, 1);
        int bits = ds.getInt(Tag.BitsAllocated, -1);
        if (offsetsReliable && frames != null && ds.contains(Tag.Rows) && ds.contains(Tag.Columns)
                && bits > 0 && samples > 0) {
            long frameBits = rows * columns * samples * bits;
            long fl = frameBits / 8;
            // a frame that is not a whole number of bytes (1-bit data) has no byte range of its own
            if (frameBits % 8 == 0 && fl > 0 && fl * frames <= length) {
                frameLength = fl;
            }
        }
        return new PixelDataLayout(new PixelDataDescriptor(offset, length, false, frameLength,
                frames == null ? 1 : frames, null));
    }

    /** NumberOfFrames, 1 when absent, null when not a positive integer. */
    private static Integer numberOfFrames(Attributes ds) {
        if (!ds.containsValue(Tag.NumberOfFrames)) {
            return 1;
        }
        String s = ds.getString(Tag.NumberOfFrames);
        try {
            int n = Integer.parseInt(s.trim());
            return n > 0 ? n : null;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static PixelDataDescriptor encapsulated(Attributes ds, Fragments f, long valueOffset, Integer frames,
            boolean offsetsReliable) {
        // item 0 is the Basic Offset Table; its item header starts at the pixel data value offset
        long botLength = f.isEmpty() ? 0 : f.itemLength(0);
        long firstFragmentTag = valueOffset + 8 + botLength;
        List<long[]> fragments = new ArrayList<>(f.size());
        long end = firstFragmentTag;
        for (int i = 1; i < f.size(); i++) {
            Object o = f.get(i);
            long len = f.itemLength(i);
            long off = o instanceof BulkData ? ((BulkData) o).offset() : end + 8;
            fragments.add(new long[] {off, len});
            end = off + len;
        }
        long valueLength = end + 8 - valueOffset; // through the sequence delimiter item
        List<List<ByteRange>> ranges = null;
        if (offsetsReliable && !fragments.isEmpty()) {
            long[] starts = tableStarts(ds, f, botLength);
            if (starts != null) {
                ranges = byStarts(fragments, starts, firstFragmentTag);
            } else if (frames != null && frames == 1) {
                ranges = new ArrayList<>(1);
                ranges.add(toRanges(fragments, 0, fragments.size()));
            } else if (frames != null && frames == fragments.size()) {
                ranges = new ArrayList<>(frames);
                for (int i = 0; i < frames; i++) {
                    ranges.add(toRanges(fragments, i, i + 1));
                }
            }
        }
        int n = ranges != null ? ranges.size() : frames == null ? 1 : frames;
        return new PixelDataDescriptor(valueOffset, valueLength, true, null, n, ranges);
    }

    /** Frame start offsets from the Extended Offset Table or a non-empty Basic Offset Table, else null. */
    private static long[] tableStarts(Attributes ds, Fragments f, long botLength) {
        byte[] eot = ds.getBytes(Tag.ExtendedOffsetTable);
        if (eot != null && eot.length >= 8) {
            long[] starts = new long[eot.length / 8];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = BinaryValues.longAt(VR.SV, eot, i);
            }
            return starts;
        }
        if (botLength >= 4 && f.get(0) instanceof byte[]) {
            byte[] bot = (byte[]) f.get(0);
            long[] starts = new long[bot.length / 4];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = BinaryValues.longAt(VR.UL, bot, i);
            }
            return starts;
        }
        return null;
    }

    /** Groups fragments by frame start offsets (relative to the first fragment's item tag); null if inconsistent. */
    private static List<List<ByteRange>> byStarts(List<long[]> fragments, long[] starts, long base) {
        List<List<ByteRange>> frames = new ArrayList<>(starts.length);
        int fi = 0;
        for (int k = 0; k < starts.length; k++) {
            long start = base + starts[k];
            long next = k + 1 < starts.length ? base + starts[k + 1] : Long.MAX_VALUE;
            if (fi >= fragments.size() || fragments.get(fi)[0] - 8 != start || next <= start) {
                return null;
            }
            int first = fi;
            while (fi < fragments.size() && fragments.get(fi)[0] - 8 < next) {
                fi++;
            }
            frames.add(toRanges(fragments, first, fi));
        }
        return fi == fragments.size() ? frames : null;
    }

    private static List<ByteRange> toRanges(List<long[]> fragments, int from, int to) {
        List<ByteRange> r = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            r.add(new ByteRange(fragments.get(i)[0], fragments.get(i)[1]));
        }
        return r;
    }
}
