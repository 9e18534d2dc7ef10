package org.nimbusdicom.common.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PersonNamesTest {

    @Test
    void normalizesForExactMatching() {
        assertEquals("doe^john", PersonNames.normalize("Doe^John^^^ "));
        assertEquals("doe^john^^dr", PersonNames.normalize("Doe^John^^Dr"));
    }

    @Test
    void searchWordsHaveALeadingSpace() {
        assertEquals(" doe john dr", PersonNames.searchWords("Doe^John^^Dr"));
        assertEquals(" van der berg anna", PersonNames.searchWords("van der Berg^Anna"));
        assertEquals("", PersonNames.searchWords("^^"));
    }

    @Test
    void fuzzyMatchesWordPrefixesLikeMicrosoftsServer() {
        String words = PersonNames.searchWords("Doe^John");
        for (String query : new String[] {"joh", "do", "jo do", "Doe", "John Doe", "DOE^JOHN"}) {
            assertTrue(matchesAll(words, PersonNames.fuzzyLikePatterns(query)), query);
        }
        for (String query : new String[] {"ohn", "john x", "oe"}) {
            assertFalse(matchesAll(words, PersonNames.fuzzyLikePatterns(query)), query);
        }
    }

    @Test
    void fuzzyPatternsEscapeLikeCharacters() {
        assertEquals(List.of("% a\\%b%"), PersonNames.fuzzyLikePatterns("a%b"));
    }

    /** Evaluates LIKE patterns (escape \) the way PostgreSQL would. */
    private static boolean matchesAll(String value, List<String> likePatterns) {
        for (String like : likePatterns) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < like.length(); i++) {
                char c = like.charAt(i);
                if (c == '\\') {
                    regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
                } else if (c == '%') {
                    regex.append(".*");
                } else if (c == '_') {
                    regex.append('.');
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            if (!Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches()) {
                return false;
            }
        }
        return true;
    }
}
