package org.nimbusdicom.query.progress;

/** A topic partition, as index progress is kept per partition. */
public record ProgressKey(String topic, int partition) {
}
