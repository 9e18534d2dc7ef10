package org.nimbusdicom.common.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed Tag.java / UID.java are exactly what DictionarySourceGenerator makes of the tables. */
class GeneratedSourcesTest {

    private static final Path MODULE = Path.of(".");

    @Test
    void tagSourceIsUpToDate() throws Exception {
        String expected = DictionarySourceGenerator.tagSource(Files.readAllLines(
                MODULE.resolve(DictionarySourceGenerator.RESOURCES + "dictionary.tsv"), StandardCharsets.UTF_8));
        assertEquals(expected, Files.readString(MODULE.resolve(DictionarySourceGenerator.SOURCES + "Tag.java")),
                "Tag.java is stale: run DictionarySourceGenerator");
    }

    @Test
    void uidSourceIsUpToDate() throws Exception {
        String expected = DictionarySourceGenerator.uidSource(Files.readAllLines(
                MODULE.resolve(DictionarySourceGenerator.RESOURCES + "uids.tsv"), StandardCharsets.UTF_8));
        assertEquals(expected, Files.readString(MODULE.resolve(DictionarySourceGenerator.SOURCES + "UID.java")),
                "UID.java is stale: run DictionarySourceGenerator");
    }
}
