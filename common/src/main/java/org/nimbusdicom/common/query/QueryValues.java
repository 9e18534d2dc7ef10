package org.nimbusdicom.common.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.common.model.DicomUid;

/** Small QIDO value helpers: UID lists, integers, safe echoing of values in error messages. */
public final class QueryValues {

    private QueryValues() {
    }

    /**
     * Parses a UID matching value: one UID or a list separated by commas or backslashes
     * (PS3.18 §8.3.4.1 / PS3.4 C.2.2.2.2). Duplicates are removed, order kept.
     *
     * @throws InvalidRequestException naming the parameter when an element is not a valid UID
     */
    public static List<String> parseUidList(String value, String parameter) {
        Set<String> uids = new LinkedHashSet<>();
        for (String part : value.split("[,\\\\]", -1)) {
            String uid = part.trim();
            if (!DicomUid.isValid(uid)) {
                throw new InvalidRequestException(parameter + " is not a valid UID or list of UIDs: '"
                        + abbreviate(value) + "'");
            }
            uids.add(uid);
        }
        return new ArrayList<>(uids);
    }

    /**
     * Parses an IS (integer string) matching value.
     *
     * @throws InvalidRequestException naming the parameter when it is not an integer
     */
    public static int parseInteger(String value, String parameter) {
        try {
            return Integer.parseInt(value.trim().startsWith("+") ? value.trim().substring(1) : value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(parameter + " is not a valid integer: '" + abbreviate(value) + "'");
        }
    }

    /** Parses a stored IS value leniently; {@code null} when empty or not an integer. */
    public static Integer parseStoredInteger(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String v = value.trim();
            return Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Shortens and sanitizes a client value for inclusion in an error message. */
    public static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }
}
