package org.nimbusdicom.common.data;

import java.util.Map;

/**
 * Encoding facts of a transfer syntax (PS3.5 section 10, PS3.6 Annex A).
 *
 * <p>{@link #of(String)} knows the native syntaxes (implicit VR LE, explicit VR LE, explicit VR
 * BE, deflated explicit VR LE) and the encapsulated ones. A UID it does not know but that is a
 * syntactically valid UID is treated as explicit VR little endian with encapsulated pixel data,
 * which is what PS3.5 10.1 requires of every transfer syntax defined after the native ones, so
 * newly registered compressed syntaxes are readable without a code change.
 */
public final class TransferSyntax {

    private static final TransferSyntax IMPLICIT_LE = new TransferSyntax(UID.ImplicitVRLittleEndian, false, false, false, false);
    private static final TransferSyntax EXPLICIT_LE = new TransferSyntax(UID.ExplicitVRLittleEndian, true, false, false, false);
    private static final TransferSyntax EXPLICIT_BE = new TransferSyntax(UID.ExplicitVRBigEndian, true, true, false, false);
    private static final TransferSyntax DEFLATED = new TransferSyntax(UID.DeflatedExplicitVRLittleEndian, true, false, true, false);

    private static final Map<String, TransferSyntax> NATIVE = Map.of(
            IMPLICIT_LE.uid, IMPLICIT_LE,
            EXPLICIT_LE.uid, EXPLICIT_LE,
            EXPLICIT_BE.uid, EXPLICIT_BE,
            DEFLATED.uid, DEFLATED);

    private final String uid;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean deflated;
    private final boolean encapsulated;

    private TransferSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated, boolean encapsulated) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.encapsulated = encapsulated;
    }

    /**
     * The transfer syntax of a UID (trailing NUL/space padding ignored). Unknown but valid UIDs are
     * explicit VR little endian, encapsulated (see class comment).
     *
     * @throws IllegalArgumentException if {@code uid} is null or not a syntactically valid UID
     */
    public static TransferSyntax of(String uid) {
        String u = trim(uid);
        TransferSyntax ts = NATIVE.get(u);
        if (ts != null) {
            return ts;
        }
        if (!isValidUid(u)) {
            throw new IllegalArgumentException("not a transfer syntax UID: " + uid);
        }
        // Deflated syntaxes other than 1.2.840.10008.1.2.1.99 (e.g. JPIP Referenced Deflate) are rare;
        // only the one native deflated syntax is inflated.
        return new TransferSyntax(u, true, false, false, true);
    }

    /** Whether {@code uid} is one of the four native (uncompressed) transfer syntaxes. */
    public static boolean isUncompressed(String uid) {
        return uid != null && NATIVE.containsKey(trim(uid));
    }

    /** The UID. */
    public String uid() {
        return uid;
    }

    /** Whether data elements carry their VR (everything but implicit VR little endian). */
    public boolean explicitVr() {
        return explicitVr;
    }

    /** Whether numbers are big endian (only the retired Explicit VR Big Endian). */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** Whether the data set after the file meta group is deflated (RFC 1951, no zlib header). */
    public boolean deflated() {
        return deflated;
    }

    /** Whether pixel data is encapsulated (fragments in items) rather than native. */
    public boolean encapsulated() {
        return encapsulated;
    }

    /** The PS3.6 name, or the UID itself when unknown. */
    public String name() {
        String name = UID.nameOf(uid);
        return name == null ? uid : name;
    }

    /**
     * The media type of a single frame in this transfer syntax, as WADO-RS frame retrieval labels it
     * (PS3.18 Table 8.7.3-2): {@code application/octet-stream} for native pixel data.
     */
    public String frameMediaType() {
        switch (uid) {
            case "1.2.840.10008.1.2.4.50":
            case "1.2.840.10008.1.2.4.51":
            case "1.2.840.10008.1.2.4.57":
            case "1.2.840.10008.1.2.4.70":
                return "image/jpeg";
            case "1.2.840.10008.1.2.4.80":
            case "1.2.840.10008.1.2.4.81":
                return "image/jls";
            case "1.2.840.10008.1.2.4.90":
            case "1.2.840.10008.1.2.4.91":
                return "image/jp2";
            case "1.2.840.10008.1.2.4.92":
            case "1.2.840.10008.1.2.4.93":
                return "image/jpx";
            case "1.2.840.10008.1.2.5":
                return "image/x-dicom-rle";
            case "1.2.840.10008.1.2.4.100":
            case "1.2.840.10008.1.2.4.100.1":
            case "1.2.840.10008.1.2.4.101":
            case "1.2.840.10008.1.2.4.101.1":
                return "video/mpeg";
            case "1.2.840.10008.1.2.4.102":
            case "1.2.840.10008.1.2.4.102.1":
            case "1.2.840.10008.1.2.4.103":
            case "1.2.840.10008.1.2.4.103.1":
            case "1.2.840.10008.1.2.4.104":
            case "1.2.840.10008.1.2.4.104.1":
            case "1.2.840.10008.1.2.4.105":
            case "1.2.840.10008.1.2.4.105.1":
            case "1.2.840.10008.1.2.4.106":
            case "1.2.840.10008.1.2.4.106.1":
                return "video/mp4";
            default:
                return "application/octet-stream";
        }
    }

    @Override
    public String toString() {
        return uid;
    }

    private static String trim(String uid) {
        if (uid == null) {
            return null;
        }
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == 0 || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        return uid.substring(0, end);
    }

    /** PS3.5 9.1: at most 64 chars, digit components separated by dots, no leading zeros. */
    static boolean isValidUid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) {
            return false;
        }
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            char c = i < uid.length() ? uid.charAt(i) : '.';
            if (c == '.') {
                int len = i - componentStart;
                if (len == 0 || (len > 1 && uid.charAt(componentStart) == '0')) {
                    return false;
                }
                componentStart = i + 1;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
