package org.nimbusdicom.retrieve.instance;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Converts a Part 10 stream between transfer syntaxes while streaming (the codec's
 * {@code Transcoder}). Only native (uncompressed) syntaxes are converted.
 */
@ApplicationScoped
public class InstanceTranscoder {

    /** Whether a stored instance in {@code from} can be delivered in {@code to}. */
    public boolean canTranscode(String from, String to) {
        // PENDING: the codec's Transcoder (common.io) has not landed yet; until then nothing converts.
        return false;
    }

    /** Streams {@code in} (a Part 10 file) to {@code out} re-encoded in {@code targetTransferSyntax}. */
    public void transcode(InputStream in, OutputStream out, String targetTransferSyntax) throws IOException {
        throw new UnsupportedOperationException("transcoding to " + targetTransferSyntax + " is not available");
    }
}
