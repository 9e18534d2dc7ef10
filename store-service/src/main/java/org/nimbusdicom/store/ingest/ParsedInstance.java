package org.nimbusdicom.store.ingest;

import org.nimbusdicom.common.io.ScannedInstance;
import org.nimbusdicom.common.model.InstanceIdentifier;

/** A staged part that parsed as a Part 10 instance and passed validation. */
public record ParsedInstance(InstanceIdentifier identifier, String sopClassUid, ScannedInstance scanned) {
}
