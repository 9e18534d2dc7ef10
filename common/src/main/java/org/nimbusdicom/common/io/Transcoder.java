package org.nimbusdicom.common.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.data.TransferSyntax;
import org.nimbusdicom.common.data.VR;

/**
 * Streaming conversion of a Part 10 file between the native transfer syntaxes: implicit VR LE,
 * explicit VR LE, explicit VR BE and deflated explicit VR LE.
 *
 * <p>Header elements are re-encoded through {@link Attributes}; pixel data and other large binary
 * values at top level are streamed from input to output in 64 KiB chunks (byte-swapped by their
 * VR's unit between little and big endian), never held whole. When source and target syntax are
 * the same the bytes are copied unchanged (this also serves encapsulated syntaxes); any other
 * conversion involving an encapsulated syntax throws {@link UnsupportedTranscodingException}.
 */
public final class Transcoder {

    /** Top-level binary values longer than this are streamed rather than loaded. */
    private static final long STREAM_THRESHOLD = 64 * 1024;
    private static final int MARK_LIMIT = 1 << 20;

    private Transcoder() {
    }

    /** Re-encodes the Part 10 stream {@code part10} in {@code targetTransferSyntaxUid} onto {@code out}. */
    public static void transcode(InputStream part10, OutputStream out, String targetTransferSyntaxUid) throws IOException {
        TransferSyntax target;
        try {
            target = TransferSyntax.of(targetTransferSyntaxUid);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedTranscodingException("invalid target transfer syntax " + targetTransferSyntaxUid);
        }
        BufferedInputStream in = new BufferedInputStream(part10, 64 * 1024);
        in.mark(MARK_LIMIT);
        String sourceUid = peekTransferSyntax(in);
        in.reset();
        if (sourceUid.equals(target.uid())) {
            in.transferTo(out);
            out.flush();
            return;
        }
        TransferSyntax source = TransferSyntax.of(sourceUid);
        if (source.encapsulated() || target.encapsulated()) {
            throw new UnsupportedTranscodingException("cannot transcode " + source.uid() + " to " + target.uid()
                    + ": only native (uncompressed) transfer syntaxes are converted");
        }
        DicomInputStream dis = new DicomInputStream(in);
        dis.setHandler((d, parent, tag, vr, length) -> d.depth() == 0 && vr.isBulkCandidate() && length >= 0
                && (length > STREAM_THRESHOLD || InstanceScanner.isPixelData(tag)) ? ValueAction.STOP : ValueAction.LOAD);
        Attributes fmi = dis.readFileMetaInformation();
        if (fmi == null) {
            throw new UnsupportedTranscodingException("input has no file meta information; not a Part 10 file");
        }
        Attributes newFmi = fmi.deepCopy();
        newFmi.setString(Tag.TransferSyntaxUID, VR.UI, target.uid());
        DicomOutputStream dos = new DicomOutputStream(out);
        dos.writeFileMetaInformation(dis.preamble(), newFmi);
        boolean swap = source.bigEndian() != target.bigEndian();
        while (true) {
            Attributes run = dis.readDataset(new Attributes(64));
            dos.writeDataset(run);
            if (!dis.stopped()) {
                break;
            }
            dos.writeHeader(dis.tag(), dis.vr(), dis.length());
            dis.copyValueTo(dos.valueStream(), swap);
        }
        dos.finish();
    }

    private static String peekTransferSyntax(InputStream in) throws IOException {
        DicomInputStream peek = new DicomInputStream(new BoundedStream(in, MARK_LIMIT - 1));
        if (peek.readFileMetaInformation() == null) {
            throw new UnsupportedTranscodingException("input has no file meta information; not a Part 10 file");
        }
        return peek.transferSyntaxUid();
    }

    /** Limits how far the look-ahead may read, so the mark stays valid. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
