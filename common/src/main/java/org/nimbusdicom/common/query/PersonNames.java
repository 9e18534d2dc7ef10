package org.nimbusdicom.common.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Person Name (PN) matching helpers.
 *
 * <p>Exact and wildcard PN matching are case-insensitive (as Microsoft's DICOM server does) on
 * the alphabetic component group, with trailing empty components removed
 * ({@code Doe^John^^^} equals {@code doe^john}).
 *
 * <p>Fuzzy matching ({@code fuzzymatching=true}) follows Microsoft's server: every word of the
 * query must be a case-insensitive prefix of some word (name component part) of the name. For
 * {@code Doe^John}: {@code joh}, {@code do}, {@code jo do}, {@code Doe} and {@code John Doe}
 * match; {@code ohn} does not. The index keeps a "search words" form of the name
 * ({@link #searchWords}) so a fuzzy query becomes one {@code LIKE '% word%'} per query word
 * ({@link #fuzzyLikePatterns}), which a trigram index can serve.
 */
public final class PersonNames {

    private static final Pattern SEPARATORS = Pattern.compile("[\\^=,\\s]+");
    private static final Pattern TRAILING_EMPTY = Pattern.compile("[\\^\\s]+$");

    private PersonNames() {
    }

    /**
     * Normalizes a PN value for exact/wildcard matching: lower case, trailing empty components
     * removed. {@code null} stays {@code null}.
     */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        return TRAILING_EMPTY.matcher(value.trim()).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /**
     * The search-words form of a stored PN: a space, then the lower-case words of all components
     * separated by single spaces ({@code "Doe^John^^Dr"} → {@code " doe john dr"}). The leading
     * space lets {@code LIKE '% jo%'} find a word prefix at the start as well.
     */
    public static String searchWords(String value) {
        if (value == null) {
            return null;
        }
        List<String> words = words(value);
        return words.isEmpty() ? "" : " " + String.join(" ", words);
    }

    /** The lower-case words of a PN value or of a fuzzy query. */
    public static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        for (String w : SEPARATORS.split(value.toLowerCase(Locale.ROOT))) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /**
     * The {@code LIKE} patterns (escape {@code \}) a fuzzy query turns into, to be AND-ed against
     * {@link #searchWords}: one {@code "% word%"} per query word. Wildcard characters in the query
     * are treated as ordinary separators' neighbours and dropped.
     */
    public static List<String> fuzzyLikePatterns(String query) {
        List<String> patterns = new ArrayList<>();
        for (String word : words(query.replace('*', ' ').replace('?', ' '))) {
            patterns.add("% " + WildcardPattern.escapeLike(word) + "%");
        }
        return patterns;
    }
}
