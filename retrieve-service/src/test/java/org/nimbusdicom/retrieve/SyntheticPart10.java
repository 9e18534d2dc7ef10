package org.nimbusdicom.retrieve;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds a small valid Part 10 file (Explicit VR Little Endian, native 16-bit multi-frame
 * MONOCHROME2) whose frames have distinct, predictable contents, and knows where its pixel data lies.
 */
public final class SyntheticPart10 {

    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7.2"; // Multi-frame Grayscale Word SC
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    public final byte[] bytes;
    public final long pixelValueOffset;
    public final int frameLength;
    public final int frames;

    private SyntheticPart10(byte[] bytes, long pixelValueOffset, int frameLength, int frames) {
        this.bytes = bytes;
        this.pixelValueOffset = pixelValueOffset;
        this.frameLength = frameLength;
        this.frames = frames;
    }

    public static SyntheticPart10 multiFrame(String study, String series, String sop, int rows, int columns, int frames) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x00020001, "OB", new byte[] {0, 1});
        element(meta, 0x00020002, "UI", ui(SOP_CLASS));
        element(meta, 0x00020003, "UI", ui(sop));
        element(meta, 0x00020010, "UI", ui(EXPLICIT_LE));
        element(meta, 0x00020012, "UI", ui("1.2.826.0.1.3680043.10.1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x00020000, "UL", le32(meta.size()));
        out.writeBytes(meta.toByteArray());
        element(out, 0x00080016, "UI", ui(SOP_CLASS));
        element(out, 0x00080018, "UI", ui(sop));
        element(out, 0x0020000D, "UI", ui(study));
        element(out, 0x0020000E, "UI", ui(series));
        element(out, 0x00280002, "US", le16(1));
        element(out, 0x00280004, "CS", "MONOCHROME2 ".getBytes(StandardCharsets.US_ASCII));
        String nf = Integer.toString(frames);
        element(out, 0x00280008, "IS", (nf.length() % 2 == 0 ? nf : nf + " ").getBytes(StandardCharsets.US_ASCII));
        element(out, 0x00280010, "US", le16(rows));
        element(out, 0x00280011, "US", le16(columns));
        element(out, 0x00280100, "US", le16(16));
        element(out, 0x00280101, "US", le16(16));
        element(out, 0x00280102, "US", le16(15));
        element(out, 0x00280103, "US", le16(0));
        int frameLength = rows * columns * 2;
        byte[] pixels = new byte[frameLength * frames];
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < frameLength; i += 2) {
                int value = (f * 131 + i * 7) & 0xFFFF;
                pixels[f * frameLength + i] = (byte) value;
                pixels[f * frameLength + i + 1] = (byte) (value >>> 8);
            }
        }
        header(out, 0x7FE00010, "OW", pixels.length);
        long offset = out.size();
        out.writeBytes(pixels);
        return new SyntheticPart10(out.toByteArray(), offset, frameLength, frames);
    }

    /** The expected bytes of frame {@code n} (1-based). */
    public byte[] frame(int n) {
        byte[] frame = new byte[frameLength];
        System.arraycopy(bytes, (int) (pixelValueOffset + (long) (n - 1) * frameLength), frame, 0, frameLength);
        return frame;
    }

    private static byte[] ui(String uid) {
        byte[] raw = uid.getBytes(StandardCharsets.US_ASCII);
        if (raw.length % 2 == 0) {
            return raw;
        }
        byte[] padded = new byte[raw.length + 1];
        System.arraycopy(raw, 0, padded, 0, raw.length);
        return padded;
    }

    private static byte[] le16(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array();
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static void element(ByteArrayOutputStream out, int tag, String vr, byte[] value) {
        header(out, tag, vr, value.length);
        out.writeBytes(value);
    }

    private static void header(ByteArrayOutputStream out, int tag, String vr, int length) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag);
        b.put(vr.getBytes(StandardCharsets.US_ASCII));
        boolean longForm = switch (vr) {
            case "OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UN", "UT", "UC", "UR", "SV", "UV" -> true;
            default -> false;
        };
        if (longForm) {
            b.putShort((short) 0).putInt(length);
            out.write(b.array(), 0, 12);
        } else {
            b.putShort((short) length);
            out.write(b.array(), 0, 8);
        }
    }
}
