package org.nimbusdicom.common.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splitting, decoding and trimming of text values (PS3.5 6.2), and encoding for writing.
 *
 * <p>Trimming follows the padding rules: trailing spaces (and stray NULs) go everywhere; leading
 * spaces too for VRs where the standard calls them insignificant (AE, AS, CS, DA, DS, DT, IS, TM,
 * UI); UI's NUL padding goes. Values are split on backslash before decoding, so multi-byte
 * character sets never see the delimiter (LT, ST, UT and UR are single-valued and not split).
 */
public final class TextValues {

    private static final String[] EMPTY = new String[0];

    private TextValues() {
    }

    /** The decoded, trimmed values of an encoded text value. */
    public static String[] decode(byte[] b, VR vr, SpecificCharacterSet cs) {
        if (b == null || b.length == 0) {
            return EMPTY;
        }
        boolean charset = vr.usesSpecificCharacterSet();
        if (!vr.isMultiValuedText()) {
            return new String[] {trim(decodeOne(b, 0, b.length, vr, cs, charset), vr)};
        }
        List<String> out = null;
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\\') {
                if (out == null) {
                    out = new ArrayList<>(4);
                }
                out.add(trim(decodeOne(b, start, i - start, vr, cs, charset), vr));
                start = i + 1;
            }
        }
        String last = trim(decodeOne(b, start, b.length - start, vr, cs, charset), vr);
        if (out == null) {
            return new String[] {last};
        }
        out.add(last);
        return out.toArray(EMPTY);
    }

    private static String decodeOne(byte[] b, int off, int len, VR vr, SpecificCharacterSet cs, boolean charset) {
        if (charset) {
            return cs.decode(b, off, len, vr == VR.PN);
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    /** Removes padding from one value as described in the class comment. */
    public static String trim(String s, VR vr) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
            end--;
        }
        int start = 0;
        if (trimsLeading(vr)) {
            while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == 0)) {
                start++;
            }
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static boolean trimsLeading(VR vr) {
        switch (vr) {
            case AE: case AS: case CS: case DA: case DS: case DT: case IS: case TM: case UI:
                return true;
            default:
                return false;
        }
    }

    /** Encodes values joined by backslash, padded to even length with the VR's padding byte. */
    public static byte[] encode(String[] values, VR vr, SpecificCharacterSet cs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write('\\');
            }
            byte[] b = vr.usesSpecificCharacterSet() ? cs.encode(values[i])
                    : values[i].getBytes(StandardCharsets.ISO_8859_1);
            out.write(b, 0, b.length);
        }
        if ((out.size() & 1) != 0) {
            out.write(vr.paddingByte());
        }
        return out.toByteArray();
    }
}
