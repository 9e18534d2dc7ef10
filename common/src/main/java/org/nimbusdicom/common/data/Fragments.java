package org.nimbusdicom.common.data;

import java.util.ArrayList;

/**
 * The items of encapsulated pixel data (PS3.5 A.4): item 0 is the Basic Offset Table (possibly
 * empty), the others are fragments. Each entry is a {@code byte[]} (loaded) or a {@link BulkData}
 * (skipped, with its stream offset and length). The value length of encapsulated pixel data is
 * always undefined.
 */
public final class Fragments extends ArrayList<Object> {

    private static final long serialVersionUID = 1L;

    private final VR vr;

    /** Empty fragment list for pixel data encoded with {@code vr} (OB or OW on the wire). */
    public Fragments(VR vr, int initialCapacity) {
        super(initialCapacity);
        this.vr = vr;
    }

    /** The VR of the pixel data element holding these fragments. */
    public VR vr() {
        return vr;
    }

    /** Length in bytes of item {@code index}. */
    public long itemLength(int index) {
        Object o = get(index);
        return o instanceof byte[] ? ((byte[]) o).length : ((BulkData) o).length();
    }
}
