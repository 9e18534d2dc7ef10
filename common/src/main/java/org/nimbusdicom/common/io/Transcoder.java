package org.nimbusdicom.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Streaming conversion between the native transfer syntaxes (work in progress: see issue 4). */
public final class Transcoder {

    private Transcoder() {
    }

    /** Re-encodes a Part 10 stream in {@code targetTransferSyntaxUid}. */
    public static void transcode(InputStream part10, OutputStream out, String targetTransferSyntaxUid) throws IOException {
        throw new UnsupportedTranscodingException("Transcoder not yet implemented");
    }
}
