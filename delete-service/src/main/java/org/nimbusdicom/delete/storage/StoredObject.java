package org.nimbusdicom.delete.storage;

import java.time.Instant;

/** One object of the bucket as listed by S3: its key and LastModified time. */
public record StoredObject(String key, Instant lastModified) {
}
