package org.nimbusdicom.common.data;

import java.util.ArrayList;

/**
 * The items of an SQ value. Adding an item links it to the data set holding the sequence, so the
 * item inherits that data set's Specific Character Set unless it declares its own.
 */
public final class Sequence extends ArrayList<Attributes> {

    private static final long serialVersionUID = 1L;

    private final transient Attributes parent;
    private boolean undefinedLength;

    /** An empty sequence whose items will belong to {@code parent}; add it with {@link Attributes#setValue}. */
    public Sequence(Attributes parent, int initialCapacity) {
        super(initialCapacity);
        this.parent = parent;
    }

    /** The data set holding this sequence. */
    public Attributes parent() {
        return parent;
    }

    /** Whether the sequence was read with (and is written with) undefined length and a delimiter. */
    public boolean undefinedLength() {
        return undefinedLength;
    }

    /** Sets whether the sequence is written with undefined length. */
    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    @Override
    public boolean add(Attributes item) {
        item.setParent(parent);
        return super.add(item);
    }

    @Override
    public void add(int index, Attributes item) {
        item.setParent(parent);
        super.add(index, item);
    }

    @Override
    public Attributes set(int index, Attributes item) {
        item.setParent(parent);
        return super.set(index, item);
    }
}
