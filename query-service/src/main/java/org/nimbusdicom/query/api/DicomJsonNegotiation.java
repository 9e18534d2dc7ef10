package org.nimbusdicom.query.api;

import java.util.Locale;
import org.nimbusdicom.common.error.NotAcceptableException;

/**
 * QIDO-RS content negotiation: the results are DICOM JSON. {@code application/dicom+json}
 * (also the answer when Accept is absent), {@code application/json}, {@code application/*} and
 * {@code *}{@code /*} are accepted; anything else (e.g. {@code multipart/related;
 * type="application/dicom+xml"}) is 406.
 */
final class DicomJsonNegotiation {

    static final String DICOM_JSON = "application/dicom+json";
    static final String JSON = "application/json";

    private DicomJsonNegotiation() {
    }

    /** The media type of the answer for this Accept header. */
    static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return DICOM_JSON;
        }
        boolean plainJson = false;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (isZeroQuality(parts)) {
                continue;
            }
            switch (type) {
                case DICOM_JSON, "*/*", "application/*", "" -> {
                    return DICOM_JSON;
                }
                case JSON -> plainJson = true;
                default -> {
                    // not producible; keep looking
                }
            }
        }
        if (plainJson) {
            return JSON;
        }
        throw new NotAcceptableException("QIDO-RS answers application/dicom+json (or application/json); Accept was: "
                + accept.replaceAll("[^\\x20-\\x7E]", "?"));
    }

    private static boolean isZeroQuality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2).trim()) <= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
