package org.nimbusdicom.common.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.data.UID;
import org.nimbusdicom.common.json.DicomJsonWriter;

/**
 * Seeded, bounded fuzzing: truncated and bit-flipped copies of the corpus files either parse
 * (scan, JSON, transcode) or fail with {@link DicomParseException}; any other throwable (including
 * OutOfMemoryError from a trusted bogus length, or a hang caught by the time budget) fails.
 */
class FuzzTest {

    private static final long SEED = 0x5EED_D1C0L;
    private static final int MUTATIONS = 8000;
    private static final long TIME_BUDGET_MS = 60_000;

    @Test
    void mutatedCorpusFilesParseOrFailWithDicomParseException() throws Exception {
        List<byte[]> files = new ArrayList<>();
        for (JsonNode e : Corpus.entries()) {
            byte[] b = Files.readAllBytes(Corpus.file(e));
            if (b.length <= 64 * 1024) {
                files.add(b); // large files add time, not coverage
            }
        }
        Random random = new Random(SEED);
        long start = System.currentTimeMillis();
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] original = files.get(random.nextInt(files.size()));
            byte[] mutated = mutate(original, random);
            try {
                ScannedInstance s = InstanceScanner.scan(new ByteArrayInputStream(mutated),
                        new ScanOptions(1024, 1 << 20));
                DicomJsonWriter.toJsonBytes(s.dataset(), p -> "bulk://" + p);
                if (i % 8 == 0) {
                    try {
                        Transcoder.transcode(new ByteArrayInputStream(mutated), new ByteArrayOutputStream(), UID.ExplicitVRBigEndian);
                    } catch (DicomParseException | UnsupportedTranscodingException expected) {
                        // fine: typed failures
                    }
                }
                parsed++;
            } catch (DicomParseException expected) {
                rejected++;
            } catch (Throwable t) {
                fail("mutation " + i + " (seed " + SEED + ") threw " + t, t);
            }
            if (System.currentTimeMillis() - start > TIME_BUDGET_MS) {
                fail("time budget exceeded after " + i + " mutations");
            }
        }
        assertTrue(parsed > 0 && rejected > 0, "parsed " + parsed + ", rejected " + rejected);
    }

    private static byte[] mutate(byte[] b, Random r) {
        byte[] m;
        switch (r.nextInt(4)) {
            case 0: { // truncate
                m = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                break;
            }
            case 1: { // flip a few bits
                m = b.clone();
                for (int k = 0, n = 1 + r.nextInt(4); k < n && m.length > 0; k++) {
                    m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
                }
                break;
            }
            case 2: { // overwrite a 4-byte run with an extreme length-like value
                m = b.clone();
                if (m.length > 4) {
                    int at = r.nextInt(m.length - 4);
                    int v = r.nextBoolean() ? 0xFFFFFFFF : r.nextInt();
                    for (int k = 0; k < 4; k++) {
                        m[at + k] = (byte) (v >>> (8 * k));
                    }
                }
                break;
            }
            default: { // flip bits and truncate
                m = b.clone();
                if (m.length > 0) {
                    m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
                }
                m = java.util.Arrays.copyOf(m, Math.max(0, m.length - r.nextInt(Math.max(1, m.length / 4))));
            }
        }
        return m;
    }
}
