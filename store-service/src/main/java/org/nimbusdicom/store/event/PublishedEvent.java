package org.nimbusdicom.store.event;

/** Where a produced event landed: the read-your-writes token (DESIGN §4). */
public record PublishedEvent(String topic, int partition, long offset) {
}
