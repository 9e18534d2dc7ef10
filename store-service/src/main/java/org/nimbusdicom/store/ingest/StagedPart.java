package org.nimbusdicom.store.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** One request part copied to a temporary file; closing deletes the file. */
public record StagedPart(Path file, long size) implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StagedPart.class);

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete staging file %s: %s", file, e.getMessage());
        }
    }
}
