package org.nimbusdicom.common.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DICOM data set: elements sorted by tag in parallel arrays (tags, VRs, values), so a data set
 * of a few hundred elements costs three small arrays rather than a map of boxed entries.
 *
 * <p>Values are kept as they were read: {@code byte[]} holding the encoded value (text in its
 * character set; binary numbers always in <b>little-endian</b> order, the reader swaps big-endian
 * input), {@code String[]} for text set through {@link #setString}, {@link Sequence} for SQ,
 * {@link Fragments} for encapsulated pixel data, {@link BulkData} for values left in the stream,
 * and {@code null} for an empty (zero-length) value. Text is decoded on access with the effective
 * Specific Character Set: this data set's (0008,0005), else the enclosing data set's.
 *
 * <p>Not thread-safe for mutation; safe to read from several threads once built.
 */
public final class Attributes {

    private int[] tags;
    private VR[] vrs;
    private Object[] values;
    private int size;
    private Attributes parent;
    private SpecificCharacterSet charsetOverride;
    private SpecificCharacterSet cachedCharset;
    private boolean undefinedLength;

    /** An empty data set. */
    public Attributes() {
        this(16);
    }

    /** An empty data set with room for {@code capacity} elements. */
    public Attributes(int capacity) {
        int c = Math.max(capacity, 2);
        tags = new int[c];
        vrs = new VR[c];
        values = new Object[c];
    }

    // ---- structure ---------------------------------------------------------------------------

    /** Number of (top-level) elements. */
    public int size() {
        return size;
    }

    /** Whether there is no element. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The tags in ascending (unsigned) order. */
    public int[] tags() {
        return Arrays.copyOf(tags, size);
    }

    /** Tag of the element at {@code index} (0 &le; index &lt; size), for fast iteration. */
    public int tagAt(int index) {
        checkIndex(index);
        return tags[index];
    }

    /** VR of the element at {@code index}. */
    public VR vrAt(int index) {
        checkIndex(index);
        return vrs[index];
    }

    /** Raw value of the element at {@code index} (see class comment for the types). */
    public Object valueAt(int index) {
        checkIndex(index);
        return values[index];
    }

    /** Index of {@code tag}, or a negative insertion point ({@code -(point) - 1}) if absent. */
    public int indexOf(int tag) {
        if (size > 0 && Integer.compareUnsigned(tags[size - 1], tag) < 0) {
            return -size - 1;
        }
        int lo = 0;
        int hi = size - 1;
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
        return -lo - 1;
    }

    /** Whether the element is present (possibly with an empty value). */
    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** Whether the element is present with a non-empty value. */
    public boolean containsValue(int tag) {
        int i = indexOf(tag);
        if (i < 0 || values[i] == null) {
            return false;
        }
        Object v = values[i];
        return !(v instanceof byte[] && ((byte[]) v).length == 0) && !(v instanceof List && ((List<?>) v).isEmpty());
    }

    /** The VR of the element, or {@code null} if absent. */
    public VR getVR(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : vrs[i];
    }

    /** The raw value (see class comment), or {@code null} if absent or empty. */
    public Object getValue(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : values[i];
    }

    /** The data set holding the sequence this item belongs to, or {@code null} at top level. */
    public Attributes getParent() {
        return parent;
    }

    void setParent(Attributes parent) {
        this.parent = parent;
        this.cachedCharset = null;
    }

    /** Whether this item was read with (and is written with) undefined length. */
    public boolean undefinedLength() {
        return undefinedLength;
    }

    /** Sets whether this item is written with undefined length (only meaningful for sequence items). */
    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    /** Removes an element; returns its previous raw value (or null). */
    public Object remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        values[size] = null;
        if (tag == Tag.SpecificCharacterSet) {
            cachedCharset = null;
        }
        return old;
    }

    // ---- setters -----------------------------------------------------------------------------

    /**
     * Sets an element's raw value (see class comment for the accepted types); replaces an existing
     * element with the same tag. Readers use this; applications normally use the typed setters.
     */
    public Attributes setValue(int tag, VR vr, Object value) {
        if (vr == null) {
            throw new IllegalArgumentException("VR required for " + Tag.toHexString(tag));
        }
        if (value instanceof Sequence && ((Sequence) value).parent() != this) {
            Sequence copy = new Sequence(this, ((Sequence) value).size());
            copy.setUndefinedLength(((Sequence) value).undefinedLength());
            copy.addAll((Sequence) value);
            value = copy;
        }
        int i = indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = value;
        } else {
            insert(-i - 1, tag, vr, value);
        }
        if (tag == Tag.SpecificCharacterSet) {
            cachedCharset = null;
        }
        return this;
    }

    private void insert(int at, int tag, VR vr, Object value) {
        if (size == tags.length) {
            int n = size + (size >> 1) + 2;
            tags = Arrays.copyOf(tags, n);
            vrs = Arrays.copyOf(vrs, n);
            values = Arrays.copyOf(values, n);
        }
        if (at < size) {
            System.arraycopy(tags, at, tags, at + 1, size - at);
            System.arraycopy(vrs, at, vrs, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
        }
        tags[at] = tag;
        vrs[at] = vr;
        values[at] = value;
        size++;
    }

    /** Sets an encoded value ({@code null} or empty = empty value); binary numbers little endian. */
    public Attributes setBytes(int tag, VR vr, byte[] value) {
        return setValue(tag, vr, value == null || value.length == 0 ? null : value);
    }

    /** Sets a placeholder for a value that stays in the source stream. */
    public Attributes setBulkData(int tag, VR vr, BulkData bulkData) {
        return setValue(tag, vr, bulkData);
    }

    /** Sets an element with an empty value. */
    public Attributes setNull(int tag, VR vr) {
        return setValue(tag, vr, null);
    }

    /**
     * Sets text values ({@code null} entries become empty values). For binary numeric VRs the
     * strings are parsed as numbers and encoded.
     *
     * @throws IllegalArgumentException for SQ and OB/OW/... VRs, or unparseable numbers
     */
    public Attributes setString(int tag, VR vr, String... values) {
        if (vr.isText()) {
            if (values == null || values.length == 0 || (values.length == 1 && (values[0] == null || values[0].isEmpty()))) {
                return setValue(tag, vr, null);
            }
            String[] copy = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                copy[i] = values[i] == null ? "" : values[i];
            }
            return setValue(tag, vr, copy);
        }
        if (vr.isBinary() && !vr.isBulkCandidate()) {
            return setValue(tag, vr, BinaryValues.parse(vr, values));
        }
        throw new IllegalArgumentException("setString not applicable to VR " + vr);
    }

    /** Sets integer values: encoded binary for US/SS/UL/SL/SV/UV/AT, decimal text for IS/DS. */
    public Attributes setInt(int tag, VR vr, int... values) {
        if (vr == VR.IS || vr == VR.DS) {
            String[] s = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                s[i] = Integer.toString(values[i]);
            }
            return setString(tag, vr, s);
        }
        if (vr.isBinary() && !vr.isBulkCandidate()) {
            return setValue(tag, vr, values.length == 0 ? null : BinaryValues.encodeInts(vr, values));
        }
        throw new IllegalArgumentException("setInt not applicable to VR " + vr);
    }

    /** Adds (or replaces) an SQ element and returns its mutable item list. */
    public List<Attributes> newSequence(int tag) {
        return newSequence(tag, 4);
    }

    /** Adds (or replaces) an SQ element with room for {@code capacity} items and returns it. */
    public Sequence newSequence(int tag, int capacity) {
        Sequence seq = new Sequence(this, capacity);
        setValue(tag, VR.SQ, seq);
        return seq;
    }

    // ---- getters -----------------------------------------------------------------------------

    /** The items of an SQ element, or {@code null} if absent or not a sequence. */
    public Sequence getSequence(int tag) {
        Object v = getValue(tag);
        return v instanceof Sequence ? (Sequence) v : null;
    }

    /** The encoded value bytes, or {@code null} if absent, empty or not loaded. */
    public byte[] getBytes(int tag) {
        Object v = getValue(tag);
        if (v instanceof byte[]) {
            return (byte[]) v;
        }
        if (v instanceof String[]) {
            return TextValues.encode((String[]) v, getVR(tag), specificCharacterSet());
        }
        return null;
    }

    /**
     * The first value as a string (text decoded and trimmed of padding; binary numbers formatted),
     * or {@code null} if absent or empty.
     */
    public String getString(int tag) {
        String[] s = getStrings(tag);
        return s == null || s.length == 0 || s[0].isEmpty() ? null : s[0];
    }

    /** Like {@link #getString(int)} with a default. */
    public String getString(int tag, String def) {
        String s = getString(tag);
        return s == null ? def : s;
    }

    /** All values as strings, or {@code null} if absent, empty, a sequence or bulk data. */
    public String[] getStrings(int tag) {
        int i = indexOf(tag);
        if (i < 0 || values[i] == null) {
            return null;
        }
        return stringsOf(vrs[i], values[i]);
    }

    /** The values of a raw value (as from {@link #valueAt(int)}) as strings, see {@link #getStrings(int)}. */
    public String[] stringsOf(VR vr, Object value) {
        if (value instanceof String[]) {
            return ((String[]) value).clone();
        }
        if (!(value instanceof byte[])) {
            return null;
        }
        byte[] b = (byte[]) value;
        if (vr.isText()) {
            return TextValues.decode(b, vr, specificCharacterSet());
        }
        if (vr.isBinary() && !vr.isBulkCandidate()) {
            return BinaryValues.format(vr, b);
        }
        return null;
    }

    /** The first value as an int (IS/DS text or a binary integer), or {@code def}. */
    public int getInt(int tag, int def) {
        int i = indexOf(tag);
        if (i < 0 || values[i] == null) {
            return def;
        }
        VR vr = vrs[i];
        Object v = values[i];
        if (v instanceof byte[] && vr.isBinary() && !vr.isBulkCandidate() && vr != VR.FL && vr != VR.FD) {
            long l = BinaryValues.longAt(vr, (byte[]) v, 0);
            return l == Long.MIN_VALUE ? def : (int) l;
        }
        String s = getString(tag);
        if (s == null) {
            return def;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s.trim());
                return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? (int) d : def;
            } catch (NumberFormatException e2) {
                return def;
            }
        }
    }

    /** The first value as a double (DS/FL/FD/integers), or {@code def}. */
    public double getDouble(int tag, double def) {
        String s = getString(tag);
        if (s == null) {
            return def;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return def;
        }
    }

    // ---- character set -----------------------------------------------------------------------

    /** The effective Specific Character Set: own (0008,0005), else inherited, else the default. */
    public SpecificCharacterSet specificCharacterSet() {
        SpecificCharacterSet cs = cachedCharset;
        if (cs != null) {
            return cs;
        }
        int i = indexOf(Tag.SpecificCharacterSet);
        if (i >= 0) {
            Object v = values[i];
            String[] terms = v instanceof byte[] ? TextValues.decode((byte[]) v, VR.CS, SpecificCharacterSet.DEFAULT)
                    : v instanceof String[] ? (String[]) v : null;
            cs = SpecificCharacterSet.valueOf(terms);
        } else if (charsetOverride != null) {
            cs = charsetOverride;
        } else if (parent != null) {
            cs = parent.specificCharacterSet();
        } else {
            cs = SpecificCharacterSet.DEFAULT;
        }
        cachedCharset = cs;
        return cs;
    }

    // ---- copies ------------------------------------------------------------------------------

    /**
     * A copy holding only the given top-level tags (absent ones are ignored). Text keeps decoding
     * as in this data set: if (0008,0005) is not selected, the copy still decodes with this data
     * set's effective character set. Nested sequences are shared, not deep-copied.
     */
    public Attributes select(int... selected) {
        Attributes copy = new Attributes(selected.length);
        for (int tag : selected) {
            int i = indexOf(tag);
            if (i >= 0) {
                copy.setValue(tag, vrs[i], values[i] instanceof Sequence ? copySequence((Sequence) values[i], copy) : values[i]);
            }
        }
        if (!copy.contains(Tag.SpecificCharacterSet)) {
            SpecificCharacterSet cs = specificCharacterSet();
            copy.charsetOverride = cs == SpecificCharacterSet.DEFAULT ? null : cs;
        }
        return copy;
    }

    private static Sequence copySequence(Sequence src, Attributes newParent) {
        Sequence s = new Sequence(newParent, src.size());
        s.setUndefinedLength(src.undefinedLength());
        for (Attributes item : src) {
            Attributes c = item.deepCopy();
            if (!item.contains(Tag.SpecificCharacterSet) && item.specificCharacterSet() != newParent.specificCharacterSet()) {
                c.charsetOverride = item.specificCharacterSet();
            }
            s.add(c);
        }
        return s;
    }

    /** A deep copy (sequences copied; byte arrays shared, they are treated as immutable). */
    public Attributes deepCopy() {
        Attributes c = new Attributes(size);
        c.undefinedLength = undefinedLength;
        c.charsetOverride = charsetOverride;
        for (int i = 0; i < size; i++) {
            Object v = values[i];
            if (v instanceof Sequence) {
                v = copySequence((Sequence) v, c);
            }
            c.insert(i, tags[i], vrs[i], v);
        }
        return c;
    }

    // ---- equality ----------------------------------------------------------------------------

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Attributes)) {
            return false;
        }
        Attributes a = (Attributes) o;
        if (size != a.size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (tags[i] != a.tags[i] || vrs[i] != a.vrs[i] || !valueEquals(values[i], a.values[i], vrs[i], a)) {
                return false;
            }
        }
        return true;
    }

    private boolean valueEquals(Object x, Object y, VR vr, Attributes other) {
        if (x instanceof String[] || y instanceof String[]) {
            return Arrays.equals(stringsOf(vr, x), other.stringsOf(vr, y));
        }
        if (x instanceof byte[] && y instanceof byte[]) {
            return Arrays.equals((byte[]) x, (byte[]) y);
        }
        if (x instanceof Fragments && y instanceof Fragments) {
            Fragments f = (Fragments) x;
            Fragments g = (Fragments) y;
            if (f.size() != g.size()) {
                return false;
            }
            for (int i = 0; i < f.size(); i++) {
                Object p = f.get(i);
                Object q = g.get(i);
                if (p instanceof byte[] && q instanceof byte[] ? !Arrays.equals((byte[]) p, (byte[]) q) : f.itemLength(i) != g.itemLength(i)) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof BulkData && y instanceof BulkData) {
            return ((BulkData) x).length() == ((BulkData) y).length();
        }
        return x == null ? y == null : x.equals(y);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + tags[i];
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append('(').append(Tag.toHexString(tags[i]), 0, 4).append(',').append(Tag.toHexString(tags[i]), 4, 8)
                    .append(") ").append(vrs[i]).append(' ');
            Object v = values[i];
            if (v instanceof Sequence) {
                sb.append(((Sequence) v).size()).append(" item(s)");
            } else if (v instanceof byte[] && vrs[i].isBulkCandidate()) {
                sb.append(((byte[]) v).length).append(" bytes");
            } else if (v instanceof byte[] || v instanceof String[]) {
                String[] s = stringsOf(vrs[i], v);
                String joined = s == null ? "" : String.join("\\", s);
                sb.append('[').append(joined.length() > 64 ? joined.substring(0, 64) + "..." : joined).append(']');
            } else {
                sb.append(v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
    }

    /** Latin-1 bytes of an ASCII string, for tests and defaults. */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A list view of the tags, for debugging. */
    List<String> tagList() {
        List<String> l = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            l.add(Tag.toHexString(tags[i]));
        }
        return l;
    }
}
