package org.nimbusdicom.delete.storage;

import java.util.List;

/**
 * Deletes objects by key. Deleting a key that does not exist succeeds (S3 semantics), which
 * makes every caller idempotent.
 */
public interface ObjectDeleter {

    /**
     * Deletes the given keys (at most 1000 per call).
     *
     * @return the keys that could not be deleted (empty when all succeeded)
     * @throws RuntimeException when the store cannot be reached at all (every key failed)
     */
    List<String> delete(List<String> keys);
}
