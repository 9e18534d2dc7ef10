package org.nimbusdicom.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.json.DicomJsonWriter;

/** The three tutorial seed files (see seed/README.md) as the services see them. */
class SeedFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"blue-circle.dcm", "green-square.dcm", "red-triangle.dcm"})
    void scanSeedFile(String name) throws Exception {
        Path file = Path.of("src/test/resources/seed", name);
        ScannedInstance s;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            s = InstanceScanner.scan(in, ScanOptions.defaults());
        }
        assertEquals(Files.size(file), s.size());
        assertEquals("1.2.840.10008.1.2.1", s.transferSyntaxUid());
        assertEquals("1.2.826.0.1.3680043.8.498.13230779778012324449356534479549187420", s.dataset().getString(Tag.StudyInstanceUID));
        assertEquals("Anony Mous", s.dataset().getString(Tag.PatientName));
        assertNull(s.dataset().getString(Tag.AccessionNumber));
        PixelDataDescriptor pd = s.pixelData();
        assertEquals(2_892_946, pd.valueLength());
        assertEquals(Files.size(file) - 2_892_946, pd.valueOffset());
        assertEquals(2_892_945L, pd.frameLength());
        assertEquals(1, pd.numberOfFrames());
        assertTrue(s.bulkData().isEmpty());
        String json = new String(DicomJsonWriter.toJsonBytes(s.dataset(), p -> "/studies/x/bulkdata/" + p), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"/studies/x/bulkdata/7FE00010\"}"), json);
    }
}
