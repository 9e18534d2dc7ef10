package org.nimbusdicom.common.io;

import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.VR;

/**
 * The callback hook of {@link DicomInputStream}: called after each element header, before its
 * value, to decide whether the value is loaded, skipped (left in the stream as bulk data) or the
 * reader stops there. {@link DicomInputStream#tagPath(int)} and
 * {@link DicomInputStream#valueOffset()} describe where the element is.
 */
@FunctionalInterface
public interface DicomInputHandler {

    /**
     * @param in the reader (position = first value byte)
     * @param parent the data set the element will be added to
     * @param tag the element tag
     * @param vr the VR (explicit, or from the dictionary for implicit VR)
     * @param length the value length, -1 for undefined length
     */
    ValueAction onElement(DicomInputStream in, Attributes parent, int tag, VR vr, long length);

    /** Loads everything. */
    DicomInputHandler LOAD_ALL = (in, parent, tag, vr, length) -> ValueAction.LOAD;
}
