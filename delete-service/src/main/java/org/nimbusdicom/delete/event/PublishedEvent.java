package org.nimbusdicom.delete.event;

/** Where Kafka stored a produced event: the token for the read-your-writes wait. */
public record PublishedEvent(String topic, int partition, long offset) {
}
