package org.nimbusdicom.common.query;

/**
 * DICOM wildcard matching (PS3.4 C.2.2.2.4): {@code *} matches any sequence of characters
 * (including none), {@code ?} matches exactly one character. Translated to an SQL
 * {@code LIKE} pattern with {@code \} as the escape character, so {@code %}, {@code _} and
 * {@code \} in the value match literally.
 */
public final class WildcardPattern {

    /** The escape character the generated patterns use ({@code LIKE ? ESCAPE '\'}). */
    public static final char ESCAPE = '\\';

    private WildcardPattern() {
    }

    /** True when the value contains {@code *} or {@code ?}. */
    public static boolean hasWildcard(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }

    /** True when the value consists only of {@code *} (universal matching: matches everything). */
    public static boolean isUniversal(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != '*') {
                return false;
            }
        }
        return true;
    }

    /** Escapes {@code \ % _} so the value matches literally in a {@code LIKE ... ESCAPE '\'}. */
    public static String escapeLike(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                sb.append(ESCAPE);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The SQL {@code LIKE} pattern for a DICOM wildcard value (consecutive {@code *} collapse). */
    public static String toSqlLike(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        char previous = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '*' -> {
                    if (previous != '*') {
                        sb.append('%');
                    }
                }
                case '?' -> sb.append('_');
                case '\\', '%', '_' -> sb.append(ESCAPE).append(c);
                default -> sb.append(c);
            }
            previous = c;
        }
        return sb.toString();
    }
}
