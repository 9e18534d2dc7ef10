package org.nimbusdicom.common.model;

import java.util.regex.Pattern;

/**
 * UID syntax per PS3.5 §9.1: at most 64 characters, components of digits separated by single
 * dots, no component with a leading zero (except the component "0" itself).
 *
 * <p>Every UID that reaches an S3 key, a SQL parameter or a log line goes through here first, so
 * that hostile path segments such as {@code ../../x} can never be interpreted as anything but
 * a rejected value.
 */
public final class DicomUid {

    /** Maximum length of a UID value (PS3.5 §9.1). */
    public static final int MAX_LENGTH = 64;

    private static final Pattern SYNTAX = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private DicomUid() {
    }

    /** True when {@code uid} is a syntactically valid DICOM UID. */
    public static boolean isValid(String uid) {
        return uid != null && !uid.isEmpty() && uid.length() <= MAX_LENGTH && SYNTAX.matcher(uid).matches();
    }

    /**
     * A UI value as stored: without the NUL that pads it to even length (and stray spaces), or
     * null for null. Not validated; {@link #isValid} decides.
     */
    public static String unpad(String value) {
        if (value == null) {
            return null;
        }
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == '\0' || value.charAt(end - 1) == ' ')) {
            end--;
        }
        return value.substring(0, end).trim();
    }

    /**
     * Returns {@code uid} unchanged when valid.
     *
     * @param what the attribute or path parameter name, used in the error message
     * @throws IllegalArgumentException naming the attribute when the UID is invalid
     */
    public static String requireValid(String uid, String what) {
        if (!isValid(uid)) {
            throw new IllegalArgumentException(what + " is not a valid DICOM UID: '" + abbreviate(uid) + "'");
        }
        return uid;
    }

    /** Shortens a value for safe inclusion in an error message. */
    static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }
}
