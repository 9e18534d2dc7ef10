package org.nimbusdicom.store.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nimbusdicom.common.error.PayloadTooLargeException;
import org.nimbusdicom.store.config.StoreConfig;

/**
 * Copies one part body from the request to a temporary file with a fixed-size buffer, so memory
 * use is independent of the part size, and enforces the per-part limit while copying (the part is
 * rejected as soon as it grows past the limit, not after it was read whole).
 */
@ApplicationScoped
public class PartStager {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final long maxPartSize;
    private final Path directory;

    public PartStager(StoreConfig config) {
        this.maxPartSize = config.maxPartSize().asLongValue();
        this.directory = Path.of(config.stagingDirectory().orElse(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Stages {@code body}.
     *
     * @throws PayloadTooLargeException when the part exceeds {@code nimbus.store.max-part-size}
     * @throws IOException when reading the request or writing the file fails (the file is removed)
     */
    public StagedPart stage(InputStream body) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "stow-", ".part");
        long size = 0;
        boolean complete = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                size += n;
                if (size > maxPartSize) {
                    throw new PayloadTooLargeException("a part of the request exceeds the limit of " + maxPartSize + " bytes");
                }
                out.write(buffer, 0, n);
            }
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
        return new StagedPart(file, size);
    }
}
