package org.nimbusdicom.retrieve.metadata;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    public MetadataCache(RetrieveConfig config) {
        this(config.metadataCache().maxBytes(), config.metadataCache().maxEntryBytes());
    }

    MetadataCache(long maxBytes, int maxEntryBytes) {
        this.maxBytes = maxBytes;
        this.maxEntryBytes = maxEntryBytes;
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

    /** Drops {@code key} (its instance was deleted: the memory is better spent on live ones). */
    public synchronized void remove(String key) {
        byte[] previous = entries.remove(key);
        if (previous != null) {
            bytes -= previous.length;
        }
    }

    /** Whether caching is on at all. */
    public boolean enabled() {
        return maxBytes > 0;
    }

    /** Bytes held. */
    public synchronized long size() {
        return bytes;
    }
}
