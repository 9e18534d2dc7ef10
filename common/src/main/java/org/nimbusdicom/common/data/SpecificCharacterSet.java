package org.nimbusdicom.common.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decoding (and simple encoding) of text values per Specific Character Set (0008,0005), PS3.5 6.1
 * and PS3.3 C.12.1.1.2.
 *
 * <p>Single-value terms without code extensions (ISO_IR 100/101/109/110/144/127/126/138/148/203/
 * 166/13/192, GB18030, GBK) decode with one Java charset. Terms with code extensions (ISO 2022 ...)
 * run an ISO 2022 state machine: escape sequences designate G0 (bytes &lt; 0x80: ASCII, JIS X 0201
 * Roman, JIS X 0208, JIS X 0212) or G1 (bytes &ge; 0x80: ISO 8859 parts, JIS X 0201 Katakana,
 * KS X 1001, GB 2312); the state returns to the initial one after a CR/LF/FF/TAB and, in PN
 * values, after '^' and '=' (PS3.5 6.1.2.5.3), which is where DICOM requires it to be reset.
 * Unknown terms fall back to ISO 8859-1, like pydicom's default, so no byte is ever lost.
 */
public final class SpecificCharacterSet {

    /** No (0008,0005) or an empty one: the default repertoire, decoded leniently as ISO 8859-1. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(new String[0]);

    private static final byte ESC = 0x1B;
    private static final Charset EUC_JP = Charset.forName("EUC-JP");
    private static final Charset EUC_KR = Charset.forName("EUC-KR");
    private static final Charset GB2312 = Charset.forName("GB2312");

    /** A code element designated by an escape sequence. */
    private enum Code {
        ASCII(false, null), ROMAN(false, null), JIS0208(false, null), JIS0212(false, null),
        LATIN1(true, "ISO-8859-1"), LATIN2(true, "ISO-8859-2"), LATIN3(true, "ISO-8859-3"),
        LATIN4(true, "ISO-8859-4"), CYRILLIC(true, "ISO-8859-5"), ARABIC(true, "ISO-8859-6"),
        GREEK(true, "ISO-8859-7"), HEBREW(true, "ISO-8859-8"), LATIN5(true, "ISO-8859-9"),
        LATIN9(true, "ISO-8859-15"), THAI(true, "TIS-620"), KATAKANA(true, null),
        KSX1001(true, "EUC-KR"), GB2312(true, "GB2312");

        final boolean g1;
        final Charset charset;

        Code(boolean g1, String charset) {
            this.g1 = g1;
            this.charset = charset == null ? null : Charset.forName(charset);
        }
    }

    private final String[] terms;
    /** Non-null when one charset decodes everything (no code extensions). */
    private final Charset single;
    private final Code initialG0;
    private final Code initialG1;

    private SpecificCharacterSet(String[] terms) {
        this.terms = terms;
        String first = terms.length == 0 ? "" : terms[0];
        Charset s = terms.length <= 1 ? singleCharset(first) : null;
        if (s == null && terms.length <= 1 && !first.startsWith("ISO 2022") && !"ISO_IR 13".equals(first)) {
            s = StandardCharsets.ISO_8859_1; // unknown term: lenient fallback
        }
        this.single = s;
        Code g1 = codeOfTerm(first);
        this.initialG0 = g1 == Code.KATAKANA ? Code.ROMAN : Code.ASCII;
        this.initialG1 = g1 != null && g1.g1 ? g1 : Code.LATIN1;
    }

    /** The character set for the (trimmed) values of (0008,0005); {@code null}/empty gives {@link #DEFAULT}. */
    public static SpecificCharacterSet valueOf(String... terms) {
        if (terms == null || terms.length == 0 || (terms.length == 1 && (terms[0] == null || terms[0].isBlank()))) {
            return DEFAULT;
        }
        String[] t = new String[terms.length];
        for (int i = 0; i < terms.length; i++) {
            t[i] = terms[i] == null ? "" : terms[i].trim();
        }
        return new SpecificCharacterSet(t);
    }

    /** The defined terms this set was built from. */
    public String[] terms() {
        return terms.clone();
    }

    private static Charset singleCharset(String term) {
        switch (term) {
            case "": case "ISO_IR 6": case "ISO 2022 IR 6": case "ISO_IR 100": return StandardCharsets.ISO_8859_1;
            case "ISO_IR 101": return Code.LATIN2.charset;
            case "ISO_IR 109": return Code.LATIN3.charset;
            case "ISO_IR 110": return Code.LATIN4.charset;
            case "ISO_IR 144": return Code.CYRILLIC.charset;
            case "ISO_IR 127": return Code.ARABIC.charset;
            case "ISO_IR 126": return Code.GREEK.charset;
            case "ISO_IR 138": return Code.HEBREW.charset;
            case "ISO_IR 148": return Code.LATIN5.charset;
            case "ISO_IR 203": return Code.LATIN9.charset;
            case "ISO_IR 166": return Code.THAI.charset;
            case "ISO_IR 192": return StandardCharsets.UTF_8;
            case "GB18030": return Charset.forName("GB18030");
            case "GBK": return Charset.forName("GBK");
            default: return null;
        }
    }

    private static Code codeOfTerm(String term) {
        switch (term.replace("ISO_IR", "ISO 2022 IR")) {
            case "ISO 2022 IR 100": return Code.LATIN1;
            case "ISO 2022 IR 101": return Code.LATIN2;
            case "ISO 2022 IR 109": return Code.LATIN3;
            case "ISO 2022 IR 110": return Code.LATIN4;
            case "ISO 2022 IR 144": return Code.CYRILLIC;
            case "ISO 2022 IR 127": return Code.ARABIC;
            case "ISO 2022 IR 126": return Code.GREEK;
            case "ISO 2022 IR 138": return Code.HEBREW;
            case "ISO 2022 IR 148": return Code.LATIN5;
            case "ISO 2022 IR 203": return Code.LATIN9;
            case "ISO 2022 IR 166": return Code.THAI;
            case "ISO 2022 IR 13": return Code.KATAKANA;
            case "ISO 2022 IR 87": return Code.JIS0208;
            case "ISO 2022 IR 159": return Code.JIS0212;
            case "ISO 2022 IR 149": return Code.KSX1001;
            case "ISO 2022 IR 58": return Code.GB2312;
            default: return null;
        }
    }

    /** Decodes {@code len} bytes; {@code personName} enables the PN delimiters '^' and '='. */
    public String decode(byte[] b, int off, int len, boolean personName) {
        if (single != null) {
            return new String(b, off, len, single);
        }
        StringBuilder sb = new StringBuilder(len);
        Code g0 = initialG0;
        Code g1 = initialG1;
        int end = off + len;
        int i = off;
        int runStart = off;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c == ESC) {
                flush(sb, b, runStart, i, g0, g1);
                int n = escapeLength(b, i, end);
                Code code = n == 0 ? null : codeOfEscape(b, i, n);
                if (code != null) {
                    if (code.g1) {
                        g1 = code;
                    } else {
                        g0 = code;
                    }
                }
                i += Math.max(n, 1);
                runStart = i;
                continue;
            }
            boolean singleByteG0 = g0 == Code.ASCII || g0 == Code.ROMAN;
            if (singleByteG0 && (c == '\r' || c == '\n' || c == '\t' || c == '\f'
                    || (personName && (c == '^' || c == '=')))) {
                flush(sb, b, runStart, i, g0, g1);
                sb.append((char) c);
                g0 = initialG0;
                g1 = initialG1;
                i++;
                runStart = i;
                continue;
            }
            // a run ends where the byte class (G0 vs G1) changes
            if (i > runStart && ((b[i - 1] & 0x80) != (c & 0x80))) {
                flush(sb, b, runStart, i, g0, g1);
                runStart = i;
            }
            i++;
        }
        flush(sb, b, runStart, end, g0, g1);
        return sb.toString();
    }

    /** Escape sequences are ESC, intermediates 0x20-0x2F, one final byte 0x30-0x7E. */
    private static int escapeLength(byte[] b, int at, int end) {
        int i = at + 1;
        while (i < end && b[i] >= 0x20 && b[i] <= 0x2F) {
            i++;
        }
        return i < end && b[i] >= 0x30 && b[i] <= 0x7E ? i - at + 1 : 0;
    }

    private static Code codeOfEscape(byte[] b, int at, int n) {
        String s = new String(b, at + 1, n - 1, StandardCharsets.ISO_8859_1);
        switch (s) {
            case "(B": return Code.ASCII;
            case "(J": return Code.ROMAN;
            case "$B": case "$@": return Code.JIS0208;
            case "$(D": return Code.JIS0212;
            case ")I": return Code.KATAKANA;
            case "-A": return Code.LATIN1;
            case "-B": return Code.LATIN2;
            case "-C": return Code.LATIN3;
            case "-D": return Code.LATIN4;
            case "-L": return Code.CYRILLIC;
            case "-G": return Code.ARABIC;
            case "-F": return Code.GREEK;
            case "-H": return Code.HEBREW;
            case "-M": return Code.LATIN5;
            case "-b": return Code.LATIN9;
            case "-T": return Code.THAI;
            case "$)C": return Code.KSX1001;
            case "$)A": return Code.GB2312;
            default: return null;
        }
    }

    private static void flush(StringBuilder sb, byte[] b, int from, int to, Code g0, Code g1) {
        if (from >= to) {
            return;
        }
        if ((b[from] & 0x80) == 0) {
            decodeG0(sb, b, from, to, g0);
        } else {
            decodeG1(sb, b, from, to, g1);
        }
    }

    private static void decodeG0(StringBuilder sb, byte[] b, int from, int to, Code g0) {
        switch (g0) {
            case JIS0208: {
                byte[] euc = new byte[to - from];
                for (int i = from; i < to; i++) {
                    euc[i - from] = (byte) (b[i] | 0x80);
                }
                sb.append(new String(euc, EUC_JP));
                return;
            }
            case JIS0212: {
                int pairs = (to - from) / 2;
                byte[] euc = new byte[pairs * 3];
                for (int p = 0; p < pairs; p++) {
                    euc[3 * p] = (byte) 0x8F;
                    euc[3 * p + 1] = (byte) (b[from + 2 * p] | 0x80);
                    euc[3 * p + 2] = (byte) (b[from + 2 * p + 1] | 0x80);
                }
                sb.append(new String(euc, EUC_JP));
                return;
            }
            default:
                for (int i = from; i < to; i++) {
                    sb.append((char) b[i]);
                }
        }
    }

    private static void decodeG1(StringBuilder sb, byte[] b, int from, int to, Code g1) {
        if (g1 == Code.KATAKANA) {
            for (int i = from; i < to; i++) {
                int c = b[i] & 0xFF;
                sb.append(c >= 0xA1 && c <= 0xDF ? (char) (0xFF61 + c - 0xA1) : '\uFFFD');
            }
            return;
        }
        sb.append(new String(b, from, to - from, g1.charset));
    }

    /**
     * Encodes text for writing. Single charsets encode directly; with code extensions only the
     * first term's repertoire is used (no escape sequences are generated), unmappable characters
     * become '?'. Values read from a file keep their original bytes and never pass through here.
     */
    public byte[] encode(String s) {
        Charset cs = single;
        if (cs == null) {
            cs = initialG1 != null && initialG1.charset != null && initialG1 != Code.KSX1001 && initialG1 != Code.GB2312
                    ? initialG1.charset : StandardCharsets.ISO_8859_1;
        }
        CharsetEncoder enc = cs.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            ByteBuffer bb = enc.encode(CharBuffer.wrap(s));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return s.getBytes(cs);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet && Arrays.equals(terms, ((SpecificCharacterSet) o).terms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(terms);
    }

    @Override
    public String toString() {
        return String.join("\\", terms);
    }
}
