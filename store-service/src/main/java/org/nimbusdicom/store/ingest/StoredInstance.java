package org.nimbusdicom.store.ingest;

import org.nimbusdicom.common.model.InstanceIdentifier;

/** One instance whose blob, metadata and event are durable. */
public record StoredInstance(InstanceIdentifier identifier, String sopClassUid, String storeId) {
}
