package org.nimbusdicom.common.data;

import java.math.BigInteger;

/**
 * Binary numbers of the fixed-size VRs (AT, FD, FL, SL, SS, SV, UL, US, UV and the OX streams),
 * always little endian in memory; byte swapping for big-endian streams.
 */
public final class BinaryValues {

    private BinaryValues() {
    }

    /** Bytes per value of a binary VR (OB/UN: 1). */
    public static int bytesPerValue(VR vr) {
        switch (vr) {
            case AT: case SL: case UL: case FL: case OF: case OL: return 4;
            case SS: case US: case OW: return 2;
            case FD: case SV: case UV: case OD: case OV: return 8;
            default: return 1;
        }
    }

    /** Number of whole values in {@code b}. */
    public static int count(VR vr, byte[] b) {
        return b == null ? 0 : b.length / bytesPerValue(vr);
    }

    /** Reverses each {@code unit}-byte group of {@code b[off, off+len)} in place (unit 1: no-op). */
    public static void swap(byte[] b, int off, int len, int unit) {
        if (unit <= 1) {
            return;
        }
        int end = off + len - (len % unit);
        if (unit == 2) {
            // the common case (OW pixel data): a tight loop the JIT vectorises well
            for (int i = off; i < end; i += 2) {
                byte t = b[i];
                b[i] = b[i + 1];
                b[i + 1] = t;
            }
            return;
        }
        for (int i = off; i < end; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    static int i32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    static long i64(byte[] b, int i) {
        return (i32(b, i) & 0xFFFFFFFFL) | ((long) i32(b, i + 4)) << 32;
    }

    /**
     * Value {@code index} of an integer VR (US, SS, UL, SL, SV, UV, AT as group&lt;&lt;16|element)
     * as a long; {@code Long.MIN_VALUE} if absent or not representable (UV above 2^63).
     */
    public static long longAt(VR vr, byte[] b, int index) {
        int n = bytesPerValue(vr);
        int i = index * n;
        if (b == null || i + n > b.length) {
            return Long.MIN_VALUE;
        }
        switch (vr) {
            case US: return u16(b, i);
            case SS: return (short) u16(b, i);
            case UL: return i32(b, i) & 0xFFFFFFFFL;
            case SL: return i32(b, i);
            case SV: return i64(b, i);
            case UV: {
                long v = i64(b, i);
                return v < 0 ? Long.MIN_VALUE : v;
            }
            case AT: return ((long) u16(b, i) << 16) | u16(b, i + 2);
            default: return Long.MIN_VALUE;
        }
    }

    /** Value {@code index} of FL/FD as a double (FL widened exactly). */
    public static double doubleAt(VR vr, byte[] b, int index) {
        return vr == VR.FL ? Float.intBitsToFloat(i32(b, index * 4)) : Double.longBitsToDouble(i64(b, index * 8));
    }

    /** Value {@code index} of UV as an unsigned BigInteger. */
    public static BigInteger unsignedAt(byte[] b, int index) {
        long v = i64(b, index * 8);
        BigInteger x = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? x.setBit(63) : x;
    }

    /** All values formatted as strings (FL via Float.toString, AT as GGGGEEEE). */
    public static String[] format(VR vr, byte[] b) {
        int n = count(vr, b);
        String[] s = new String[n];
        for (int k = 0; k < n; k++) {
            switch (vr) {
                case FL: s[k] = Float.toString(Float.intBitsToFloat(i32(b, k * 4))); break;
                case FD: s[k] = Double.toString(doubleAt(vr, b, k)); break;
                case UV: s[k] = unsignedAt(b, k).toString(); break;
                case AT: s[k] = Tag.toHexString((int) longAt(vr, b, k)); break;
                default: s[k] = Long.toString(longAt(vr, b, k));
            }
        }
        return s;
    }

    /** Encodes decimal/hex (AT) strings as little-endian numbers of {@code vr}. */
    public static byte[] parse(VR vr, String... values) {
        int n = bytesPerValue(vr);
        byte[] b = new byte[values == null ? 0 : values.length * n];
        for (int k = 0; k < b.length / n; k++) {
            String s = values[k].trim();
            long bits;
            switch (vr) {
                case FL: bits = Float.floatToIntBits(Float.parseFloat(s)); break;
                case FD: bits = Double.doubleToLongBits(Double.parseDouble(s)); break;
                case AT: {
                    int tag = Tag.parseHex(s);
                    bits = ((tag >>> 16) & 0xFFFFL) | ((long) (tag & 0xFFFF)) << 16;
                    break;
                }
                case UV: bits = new BigInteger(s).longValue(); break;
                default: bits = Long.parseLong(s);
            }
            put(b, k * n, n, bits);
        }
        return b;
    }

    /** Encodes ints as little-endian numbers of {@code vr}. */
    public static byte[] encodeInts(VR vr, int... values) {
        int n = bytesPerValue(vr);
        byte[] b = new byte[values.length * n];
        for (int k = 0; k < values.length; k++) {
            long bits;
            switch (vr) {
                case FL: bits = Float.floatToIntBits(values[k]); break;
                case FD: bits = Double.doubleToLongBits(values[k]); break;
                case AT: bits = ((values[k] >>> 16) & 0xFFFFL) | ((long) (values[k] & 0xFFFF)) << 16; break;
                case UL: case UV: bits = values[k] & 0xFFFFFFFFL; break;
                default: bits = values[k];
            }
            put(b, k * n, n, bits);
        }
        return b;
    }

    private static void put(byte[] b, int at, int n, long bits) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (bits >>> (8 * i));
        }
    }
}
