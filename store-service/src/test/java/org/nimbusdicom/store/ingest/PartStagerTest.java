package org.nimbusdicom.store.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusdicom.common.error.PayloadTooLargeException;
import org.nimbusdicom.store.config.StoreConfig;

class PartStagerTest {

    @TempDir
    Path dir;

    @Test
    void copiesThePartAndDeletesItOnClose() throws IOException {
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        PartStager stager = new PartStager(config(1_000_000));
        StagedPart staged = stager.stage(new ByteArrayInputStream(data));
        assertEquals(data.length, staged.size());
        assertArrayEquals(data, Files.readAllBytes(staged.file()));
        staged.close();
        assertFalse(Files.exists(staged.file()));
    }

    @Test
    void rejectsAPartOverTheLimitWithoutReadingItAllAndLeavesNoFile() throws IOException {
        PartStager stager = new PartStager(config(100_000));
        CountingZeros endless = new CountingZeros();
        assertThrows(PayloadTooLargeException.class, () -> stager.stage(endless));
        assertEquals(0, count(dir), "staging file removed");
        assertEquals(true, endless.read < 200_000, "stopped right after the limit, read " + endless.read);
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    /** An endless stream of zeros that counts what was read. */
    private static final class CountingZeros extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 0);
            read += len;
            return len;
        }
    }

    private StoreConfig config(long maxPartSize) {
        return new TestStoreConfig(maxPartSize, dir);
    }
}
