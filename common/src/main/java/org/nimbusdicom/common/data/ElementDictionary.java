package org.nimbusdicom.common.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PS3.6 data dictionary: tag to VR / keyword / VM and back, loaded once from
 * {@code dictionary.tsv} (copied from the standard tables, see the README next to it).
 *
 * <p>Rules beyond the table: group length elements (gggg,0000) are UL; private creator elements
 * (odd group, element 0010-00FF) are LO; any other private or unknown tag is UN. Repeating-group
 * entries (50xx, 60xx, 002031xx, 1000xxx0, ...) match their whole family. Ambiguous VRs resolve
 * by default to the choice PS3.5 prescribes for implicit VR data without context: {@code OB or OW}
 * to OW (PS3.5 A.1 c: implicit VR pixel/overlay/waveform data are OW), {@code US or SS} to US,
 * {@code US or OW} / {@code US or SS or OW} (LUT data) to OW. {@link #vrOf(int, int, int)} resolves
 * {@code US or SS} from Pixel Representation and {@code OB or OW} from Bits Allocated when known.
 */
public final class ElementDictionary {

    private ElementDictionary() {
    }

    /** An ambiguous dictionary VR, remembered so the reader can resolve it from context. */
    private enum Ambiguity { NONE, OB_OW, US_SS, US_OW, US_SS_OW }

    private static final class Table {
        final int[] tags;
        final VR[] vrs;
        final Ambiguity[] ambiguities;
        final String[] keywords;
        final String[] vms;
        final int[] repeaterMasks;
        final int[] repeaterValues;
        final VR[] repeaterVrs;
        final Ambiguity[] repeaterAmbiguities;
        final String[] repeaterKeywords;
        final Map<String, Integer> byKeyword;

        Table(List<String[]> rows) {
            List<String[]> plain = new ArrayList<>();
            List<String[]> repeaters = new ArrayList<>();
            for (String[] f : rows) {
                ("Y".equals(f[6]) ? repeaters : plain).add(f);
            }
            plain.sort((a, b) -> Integer.compareUnsigned(Tag.parseHex(a[0]), Tag.parseHex(b[0])));
            int n = plain.size();
            tags = new int[n];
            vrs = new VR[n];
            ambiguities = new Ambiguity[n];
            keywords = new String[n];
            vms = new String[n];
            byKeyword = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                String[] f = plain.get(i);
                tags[i] = Tag.parseHex(f[0]);
                ambiguities[i] = ambiguityOf(f[2]);
                vrs[i] = vrOfText(f[2]);
                keywords[i] = f[1];
                vms[i] = f[3];
                if (!f[1].isEmpty()) {
                    byKeyword.putIfAbsent(f[1], tags[i]);
                }
            }
            int m = repeaters.size();
            repeaterMasks = new int[m];
            repeaterValues = new int[m];
            repeaterVrs = new VR[m];
            repeaterAmbiguities = new Ambiguity[m];
            repeaterKeywords = new String[m];
            for (int i = 0; i < m; i++) {
                String[] f = repeaters.get(i);
                String hex = f[0];
                int mask = 0;
                int value = 0;
                for (int c = 0; c < 8; c++) {
                    mask <<= 4;
                    value <<= 4;
                    char ch = hex.charAt(c);
                    if (ch != 'x' && ch != 'X') {
                        mask |= 0xF;
                        value |= Character.digit(ch, 16);
                    }
                }
                repeaterMasks[i] = mask;
                repeaterValues[i] = value;
                repeaterVrs[i] = vrOfText(f[2]);
                repeaterAmbiguities[i] = ambiguityOf(f[2]);
                repeaterKeywords[i] = f[1];
            }
        }

        int indexOf(int tag) {
            int lo = 0;
            int hi = tags.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = Integer.compareUnsigned(tags[mid], tag);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }

        int repeaterOf(int tag) {
            for (int i = 0; i < repeaterMasks.length; i++) {
                if ((tag & repeaterMasks[i]) == repeaterValues[i]) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final class Holder {
        static final Table TABLE = load();
    }

    private static Ambiguity ambiguityOf(String text) {
        switch (text) {
            case "OB or OW": return Ambiguity.OB_OW;
            case "US or SS": return Ambiguity.US_SS;
            case "US or OW": return Ambiguity.US_OW;
            case "US or SS or OW": return Ambiguity.US_SS_OW;
            default: return Ambiguity.NONE;
        }
    }

    private static VR vrOfText(String text) {
        switch (text) {
            case "OB or OW": return VR.OW;
            case "US or SS": return VR.US;
            case "US or OW":
            case "US or SS or OW": return VR.OW;
            case "NONE": return VR.UN;
            default: return VR.valueOf(text);
        }
    }

    private static Table load() {
        List<String[]> rows = new ArrayList<>(5000);
        try (InputStream in = ElementDictionary.class.getResourceAsStream("dictionary.tsv")) {
            if (in == null) {
                throw new IllegalStateException("dictionary.tsv missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine(); // header
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                if (f.length >= 7) {
                    rows.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Table(rows);
    }

    /** The dictionary VR of a tag (ambiguous VRs resolved to their documented default); UN if unknown. */
    public static VR vrOf(int tag) {
        return vrOf(tag, -1, -1);
    }

    /**
     * The VR of a tag for implicit VR data, resolving {@code US or SS} with Pixel Representation
     * (1 = SS) and {@code OB or OW} with Bits Allocated (&le; 8 = OB only for explicit contexts;
     * implicit VR pixel data is always OW, PS3.5 A.1), pass -1 when unknown.
     */
    public static VR vrOf(int tag, int pixelRepresentation, int bitsAllocated) {
        if ((tag & 0xFFFF) == 0 && tag != 0xFFFEE000) {
            return VR.UL;
        }
        if (Tag.isPrivate(tag)) {
            return Tag.isPrivateCreator(tag) ? VR.LO : VR.UN;
        }
        Table t = Holder.TABLE;
        int i = t.indexOf(tag);
        VR vr;
        Ambiguity a;
        if (i >= 0) {
            vr = t.vrs[i];
            a = t.ambiguities[i];
        } else {
            int r = t.repeaterOf(tag);
            if (r < 0) {
                return VR.UN;
            }
            vr = t.repeaterVrs[r];
            a = t.repeaterAmbiguities[r];
        }
        if (a == Ambiguity.US_SS && pixelRepresentation == 1) {
            return VR.SS;
        }
        return vr;
    }

    /** Whether the dictionary VR of the tag is one of the ambiguous "US or SS" family. */
    public static boolean isUsOrSs(int tag) {
        Table t = Holder.TABLE;
        int i = t.indexOf(tag);
        return i >= 0 && t.ambiguities[i] == Ambiguity.US_SS;
    }

    /** The keyword of a tag (repeating groups included), or {@code null} if unknown/private. */
    public static String keywordOf(int tag) {
        if (Tag.isPrivate(tag)) {
            return null;
        }
        Table t = Holder.TABLE;
        int i = t.indexOf(tag);
        if (i >= 0) {
            return t.keywords[i].isEmpty() ? null : t.keywords[i];
        }
        int r = t.repeaterOf(tag);
        return r < 0 ? null : t.repeaterKeywords[r];
    }

    /** The VM text of a tag ("1", "1-n", ...) or {@code null} if unknown. */
    public static String vmOf(int tag) {
        Table t = Holder.TABLE;
        int i = t.indexOf(tag);
        return i >= 0 ? t.vms[i] : null;
    }

    /** The tag of a (non-repeating) keyword, or -1 if unknown. */
    public static int tagForKeyword(String keyword) {
        Integer tag = keyword == null ? null : Holder.TABLE.byKeyword.get(keyword);
        return tag == null ? -1 : tag;
    }

    /** Number of dictionary entries (for diagnostics and tests). */
    static int size() {
        return Holder.TABLE.tags.length + Holder.TABLE.repeaterMasks.length;
    }

    /** All non-repeating tags in ascending order (copy). */
    static int[] tags() {
        return Arrays.copyOf(Holder.TABLE.tags, Holder.TABLE.tags.length);
    }
}
