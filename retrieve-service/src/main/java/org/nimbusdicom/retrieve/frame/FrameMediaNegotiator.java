package org.nimbusdicom.retrieve.frame;

import java.util.List;
import org.nimbusdicom.common.data.TransferSyntax;
import org.nimbusdicom.common.error.NotAcceptableException;
import org.nimbusdicom.common.mime.MediaTypes;
import org.nimbusdicom.common.mime.MediaTypes.MediaType;
import org.nimbusdicom.retrieve.media.Accept;

/**
 * Content negotiation of frame (and pixel data bulk data) retrieval, PS3.18 §8.7.3.3 / Table
 * 8.7.3-2. Frames are served as stored, never decoded, so the answer depends on the stored
 * syntax:
 * <ul>
 *   <li>native: {@code application/octet-stream}; the bytes are the same in implicit and explicit
 *       VR little endian, so either may be requested (the part is labelled explicit VR LE, the
 *       PS3.18 default); big endian data is labelled as such and only served when asked for
 *       {@code transfer-syntax=*} or that syntax (or with no transfer-syntax parameter).</li>
 *   <li>encapsulated: the compressed media type of the syntax ({@code image/jpeg}, {@code image/jls},
 *       {@code image/jp2}, ...) with {@code transfer-syntax=} the stored one. Accepted when asked for
 *       that media type, for {@code * / *}, or for {@code application/octet-stream} with
 *       {@code transfer-syntax=*} or the stored syntax. A request for decompressed frames is 406.</li>
 * </ul>
 */
public final class FrameMediaNegotiator {

    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";

    /**
     * The outcome.
     *
     * @param multipart multipart/related (else a single body; only for one frame)
     * @param partMediaType media type of each part (without parameters)
     * @param transferSyntax value of the parts' transfer-syntax parameter
     */
    public record Choice(boolean multipart, String partMediaType, String transferSyntax) {

        /** The Content-Type of a part (or of a single-part body). */
        public String partContentType() {
            return partMediaType + "; " + MediaTypes.PARAM_TRANSFER_SYNTAX + "=" + transferSyntax;
        }
    }

    private FrameMediaNegotiator() {
    }

    /**
     * @param accept Accept ranges, best first
     * @param storedTransferSyntax the instance's transfer syntax
     * @param encapsulated whether its pixel data is encapsulated
     * @param singlePartAllowed whether a single-part answer is possible (exactly one frame or one value)
     */
    public static Choice negotiate(List<MediaType> accept, String storedTransferSyntax, boolean encapsulated,
            boolean singlePartAllowed) {
        String stored = storedTransferSyntax;
        String compressedType = encapsulated ? compressedMediaType(stored) : null;
        String nativeLabel = encapsulated ? stored : nativeLabel(stored);
        for (MediaType range : accept) {
            if (Accept.isAny(range)) {
                return encapsulated ? new Choice(true, compressedType, stored)
                        : new Choice(true, MediaTypes.APPLICATION_OCTET_STREAM, nativeLabel);
            }
            boolean multipart = Accept.isMultipart(range);
            MediaType part = multipart ? Accept.partType(range) : range;
            if (!multipart && !singlePartAllowed) {
                continue;
            }
            String requested = Accept.transferSyntax(range, multipart ? part : null);
            if (multipart && part == null) {
                if (encapsulated ? acceptsStored(requested, stored) : acceptsNative(requested, stored)) {
                    return encapsulated ? new Choice(true, compressedType, stored)
                            : new Choice(true, MediaTypes.APPLICATION_OCTET_STREAM, nativeLabel);
                }
                continue;
            }
            if (encapsulated) {
                if (part.is(MediaTypes.APPLICATION_OCTET_STREAM)) {
                    // octet-stream without transfer-syntax means decompressed frames, which are not
                    // produced; with * (or the stored syntax) the client takes the stored bytes
                    if (requested != null && acceptsStored(requested, stored)) {
                        return new Choice(multipart, compressedType, stored);
                    }
                } else if (part.matches(compressedType) && acceptsStored(requested, stored)) {
                    return new Choice(multipart, compressedType, stored);
                }
            } else if (part.matches(MediaTypes.APPLICATION_OCTET_STREAM) && acceptsNative(requested, stored)) {
                return new Choice(multipart, MediaTypes.APPLICATION_OCTET_STREAM, nativeLabel);
            }
        }
        String offer = encapsulated
                ? "multipart/related; type=\"" + compressedType + "\"; transfer-syntax=" + stored
                        + " (or type=\"application/octet-stream\"; transfer-syntax=*)"
                : "multipart/related; type=\"application/octet-stream\"; transfer-syntax=" + nativeLabel;
        throw new NotAcceptableException("the frames are stored as " + describe(stored) + " and are served as stored: "
                + offer + (singlePartAllowed ? ", or the part type alone for a single frame" : ""));
    }

    /** The media type of compressed frames of {@code uid}. */
    static String compressedMediaType(String uid) {
        return TransferSyntax.of(uid).frameMediaType();
    }

    private static String nativeLabel(String stored) {
        return IMPLICIT_LE.equals(stored) || Accept.DEFAULT_TRANSFER_SYNTAX.equals(stored) ? Accept.DEFAULT_TRANSFER_SYNTAX : stored;
    }

    private static boolean acceptsStored(String requested, String stored) {
        return requested == null || Accept.ANY_TRANSFER_SYNTAX.equals(requested) || requested.equals(stored);
    }

    private static boolean acceptsNative(String requested, String stored) {
        if (requested == null || Accept.ANY_TRANSFER_SYNTAX.equals(requested) || requested.equals(stored)) {
            return true;
        }
        boolean littleEndianStored = IMPLICIT_LE.equals(stored) || Accept.DEFAULT_TRANSFER_SYNTAX.equals(stored);
        return littleEndianStored && (IMPLICIT_LE.equals(requested) || Accept.DEFAULT_TRANSFER_SYNTAX.equals(requested));
    }

    private static String describe(String uid) {
        try {
            TransferSyntax ts = TransferSyntax.of(uid);
            return ts.name().equals(uid) ? uid : ts.name() + " (" + uid + ")";
        } catch (IllegalArgumentException e) {
            return uid;
        }
    }
}
