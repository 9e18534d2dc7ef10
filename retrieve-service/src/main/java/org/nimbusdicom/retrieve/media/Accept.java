package org.nimbusdicom.retrieve.media;

import java.util.List;
import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.common.mime.MediaTypes;
import org.nimbusdicom.common.mime.MediaTypes.MediaType;

/** The {@code Accept} header of a retrieve request, parsed once for the negotiators. */
public final class Accept {

    /** PS3.18 default transfer syntax of {@code application/dicom} and native frames: Explicit VR Little Endian. */
    public static final String DEFAULT_TRANSFER_SYNTAX = "1.2.840.10008.1.2.1";
    /** The {@code transfer-syntax=*} wildcard: as stored. */
    public static final String ANY_TRANSFER_SYNTAX = "*";

    private Accept() {
    }

    /**
     * The media ranges of {@code header}, best first, without {@code q=0} entries. An absent
     * header means {@code * / *}.
     *
     * @throws InvalidRequestException when the header is malformed
     */
    public static List<MediaType> parse(String header) {
        try {
            return MediaTypes.parseAccept(header).stream().filter(range -> range.quality() > 0).toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("malformed Accept header: " + e.getMessage());
        }
    }

    /** For a {@code multipart/related} range: the media type of its parts ({@code type=}), or null. */
    public static MediaType partType(MediaType multipart) {
        String type = multipart.parameter(MediaTypes.PARAM_TYPE);
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return MediaTypes.parse(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("malformed type parameter in Accept: " + e.getMessage());
        }
    }

    /** True for {@code multipart/related} or {@code multipart/*}. */
    public static boolean isMultipart(MediaType range) {
        return "multipart".equals(range.type()) && ("related".equals(range.subtype()) || "*".equals(range.subtype()));
    }

    /** True for {@code * / *}. */
    public static boolean isAny(MediaType range) {
        return "*".equals(range.type()) && "*".equals(range.subtype());
    }

    /**
     * The requested transfer syntax of a range: its {@code transfer-syntax} parameter, else that
     * of its part type, else null.
     */
    public static String transferSyntax(MediaType range, MediaType partType) {
        String ts = range.parameter(MediaTypes.PARAM_TRANSFER_SYNTAX);
        if (ts == null && partType != null) {
            ts = partType.parameter(MediaTypes.PARAM_TRANSFER_SYNTAX);
        }
        return ts == null ? null : ts.trim();
    }
}
