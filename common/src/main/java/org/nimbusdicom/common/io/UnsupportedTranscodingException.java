package org.nimbusdicom.common.io;

import java.io.IOException;

/** A transcoding the codec cannot do (e.g. from or to an encapsulated/compressed transfer syntax). */
public class UnsupportedTranscodingException extends IOException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the source and target transfer syntaxes. */
    public UnsupportedTranscodingException(String message) {
        super(message);
    }
}
