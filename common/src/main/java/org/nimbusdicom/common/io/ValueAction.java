package org.nimbusdicom.common.io;

/** What {@link DicomInputStream} does with the value of an element, as decided by a {@link DicomInputHandler}. */
public enum ValueAction {
    /** Read the value into memory (sequences are parsed into items). */
    LOAD,
    /** Leave the value in the stream (skip it) and record a {@link org.nimbusdicom.common.data.BulkData} placeholder. */
    SKIP,
    /**
     * Stop reading before this element: the reader returns with the element's header consumed,
     * so the caller can stream the value ({@link DicomInputStream#copyValueTo}) and then resume.
     * Only honoured at top level.
     */
    STOP
}
