package org.nimbusdicom.delete.service;

import org.nimbusdicom.delete.event.PublishedEvent;

/**
 * The result of a successful DELETE: the event is durable in Kafka; {@code indexApplied} says
 * whether the index already reflects it (false = the answer carries a Warning).
 *
 * @param instances number of stored copies the event lists
 */
public record DeleteOutcome(PublishedEvent event, int instances, boolean indexApplied) {
}
