package org.nimbusdicom.retrieve.instance;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.data.TransferSyntax;
import org.nimbusdicom.common.io.Transcoder;
import org.nimbusdicom.common.io.UnsupportedTranscodingException;

/**
 * Converts a Part 10 stream between native transfer syntaxes while streaming, with the codec's
 * {@link Transcoder}. Compressed syntaxes are never converted (406 instead).
 *
 * <p>A multipart response commits its status before the parts are written, so whether a
 * conversion works must be known up front: besides the syntax rules, the codec is probed once
 * with a tiny data set (explicit → implicit VR LE); if the codec in use cannot transcode, no
 * conversion is offered and negotiation answers 406 rather than a truncated body.
 */
@ApplicationScoped
public class InstanceTranscoder {

    private static final Logger LOG = Logger.getLogger(InstanceTranscoder.class);
    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    /** Targets the codec writes (deflated output is not offered). */
    private static final Set<String> TARGETS = Set.of(IMPLICIT_LE, EXPLICIT_LE, EXPLICIT_BE);

    private volatile Boolean codecWorks;

    /** Whether a stored instance in {@code from} can be delivered in {@code to}. */
    public boolean canTranscode(String from, String to) {
        return from != null && !from.equals(to) && TransferSyntax.isUncompressed(from) && TARGETS.contains(to) && codecWorks();
    }

    /** Streams {@code in} (a Part 10 file) to {@code out} re-encoded in {@code targetTransferSyntax}. */
    public void transcode(InputStream in, OutputStream out, String targetTransferSyntax) throws IOException {
        Transcoder.transcode(in, out, targetTransferSyntax);
    }

    private boolean codecWorks() {
        Boolean works = codecWorks;
        if (works == null) {
            works = probe();
            codecWorks = works;
        }
        return works;
    }

    private static boolean probe() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Transcoder.transcode(new ByteArrayInputStream(probeFile()), out, IMPLICIT_LE);
            boolean ok = out.size() > 132;
            if (!ok) {
                LOG.warn("transcoder probe produced no output: transcoding is not offered");
            }
            return ok;
        } catch (UnsupportedTranscodingException e) {
            LOG.warnf("the codec cannot transcode (%s): instances are served in their stored transfer syntax only", e.getMessage());
            return false;
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "transcoder probe failed: transcoding is not offered");
            return false;
        }
    }

    /** Preamble, DICM, meta group (explicit VR LE) and a SOP Instance UID. */
    private static byte[] probeFile() {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x00020001, "OB", new byte[] {0, 1}, true);
        element(meta, 0x00020002, "UI", "1.2.840.10008.5.1.4.1.1.7\0".getBytes(StandardCharsets.US_ASCII), false);
        element(meta, 0x00020003, "UI", "1.2.3.4".concat("\0").getBytes(StandardCharsets.US_ASCII), false);
        element(meta, 0x00020010, "UI", (EXPLICIT_LE + "\0").getBytes(StandardCharsets.US_ASCII), false);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[128]);
        file.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(file, 0x00020000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array(), false);
        file.writeBytes(meta.toByteArray());
        element(file, 0x00080018, "UI", "1.2.3.4\0".getBytes(StandardCharsets.US_ASCII), false);
        element(file, 0x00100010, "PN", "Probe^Transcoder".getBytes(StandardCharsets.US_ASCII), false);
        return file.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, int tag, String vr, byte[] value, boolean longForm) {
        ByteBuffer header = ByteBuffer.allocate(longForm ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) (tag >>> 16)).putShort((short) tag).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longForm) {
            header.putShort((short) 0).putInt(value.length);
        } else {
            header.putShort((short) value.length);
        }
        out.writeBytes(header.array());
        out.writeBytes(value);
    }
}
