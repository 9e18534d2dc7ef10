package org.nimbusdicom.retrieve.metadata;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nimbusdicom.retrieve.config.RetrieveConfig;

/**
 * A bounded in-memory LRU of metadata objects by S3 key. Safe without invalidation: metadata keys
 * embed the store id, so an object under a key never changes (a re-STOW gets a new key, a delete
 * removes the index row that leads to the key). Keeps repeated series/study metadata requests —
 * what viewers do on every open — off S3.
 */
@ApplicationScoped
public class MetadataCache {

    private final long maxBytes;
    private final int maxEntryBytes;
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    public MetadataCache(RetrieveConfig config) {
        this.maxBytes = config.metadataCache().maxBytes();
        this.maxEntryBytes = config.metadataCache().maxEntryBytes();
    }

    /** The cached object or null. */
    public synchronized byte[] get(String key) {
        return entries.get(key);
    }

    /** Caches {@code value} unless caching is off or the value is too large. */
    public synchronized void put(String key, byte[] value) {
        if (maxBytes <= 0 || value.length > maxEntryBytes || value.length > maxBytes) {
            return;
        }
        byte[] previous = entries.put(key, value);
        bytes += value.length - (previous == null ? 0 : previous.length);
        Iterator<Map.Entry<String, byte[]>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }

    /** Bytes held. */
    public synchronized long size() {
        return bytes;
    }
}
