package org.nimbusdicom.common.mime;

import java.io.IOException;

/**
 * The body is not a well-formed multipart entity (bad boundary, truncated part, missing close
 * delimiter, malformed part headers). STOW answers 400 for it; an {@link IOException} of any
 * other type is a transport problem (client gone, body over the size limit).
 */
public class MalformedMultipartException extends IOException {

    public MalformedMultipartException(String message) {
        super(message);
    }

    public MalformedMultipartException(String message, Throwable cause) {
        super(message, cause);
    }
}
