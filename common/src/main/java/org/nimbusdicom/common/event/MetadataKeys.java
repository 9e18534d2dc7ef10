package org.nimbusdicom.common.event;

import java.util.List;

/**
 * The metadata object keys an event names, read without materializing the event
 * ({@link EventCodec#metadataKeys(byte[])}): for consumers that follow the whole topic but need
 * only where the metadata lives, such as retrieve-service's cache warming.
 *
 * @param kind what the event did to the listed objects
 * @param keys the metadataKey of the stored instance, or of every listed deleted copy
 */
public record MetadataKeys(Kind kind, List<String> keys) {

    /** What the event means for the objects. */
    public enum Kind {
        /** {@code instance.stored}: the object exists from now on. */
        STORED,
        /** one of the {@code *.deleted} types: the objects go away. */
        DELETED,
        /** any other type: nothing to do. */
        OTHER
    }
}
