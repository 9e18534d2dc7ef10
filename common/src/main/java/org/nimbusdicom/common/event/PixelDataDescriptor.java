package org.nimbusdicom.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.nimbusdicom.common.model.ByteRange;

/**
 * Where the pixel data of a stored blob lies, so frames are served by ranged reads only.
 *
 * @param valueOffset blob offset of the first value byte of (7FE0,0010) (for encapsulated data: the first item tag)
 * @param valueLength length of that value (encapsulated: up to and including the sequence delimiter)
 * @param encapsulated whether the pixel data is encapsulated (compressed transfer syntax)
 * @param frameLength for native data: bytes per frame (Rows x Columns x SamplesPerPixel x BitsAllocated / 8)
 * @param numberOfFrames number of frames
 * @param frames for encapsulated data: per frame the fragment value ranges in the blob; null for native data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PixelDataDescriptor(
        long valueOffset,
        long valueLength,
        boolean encapsulated,
        Long frameLength,
        int numberOfFrames,
        List<List<ByteRange>> frames) {

    /**
     * The byte ranges of frame {@code frameNumber} (1-based), or {@code null} when out of range
     * or unknown (e.g. native pixel data whose geometry was not computable).
     */
    public List<ByteRange> frame(int frameNumber) {
        if (frameNumber < 1 || frameNumber > numberOfFrames) {
            return null;
        }
        if (encapsulated) {
            return frames == null || frames.size() < frameNumber ? null : frames.get(frameNumber - 1);
        }
        if (frameLength == null || frameLength <= 0) {
            return null;
        }
        long offset = valueOffset + (frameNumber - 1) * frameLength;
        if (offset + frameLength > valueOffset + valueLength) {
            return null;
        }
        List<ByteRange> ranges = new ArrayList<>(1);
        ranges.add(new ByteRange(offset, frameLength));
        return ranges;
    }
}
