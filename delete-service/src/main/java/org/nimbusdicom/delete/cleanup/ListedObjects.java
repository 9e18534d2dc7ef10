package org.nimbusdicom.delete.cleanup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.event.DeletedInstance;
import org.nimbusdicom.common.event.InstancesDeletedEvent;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.InstanceIdentifier;

/**
 * The S3 keys a deleted event asks the cleanup to remove: for every listed copy its blob and
 * metadata key, and only when the key is exactly what {@link BlobKeys} builds for the listed
 * UIDs and store id. An event can therefore never make the cleanup delete anything else (another
 * store id, another instance, or a key outside the layout).
 */
final class ListedObjects {

    private static final Logger LOG = Logger.getLogger(ListedObjects.class);

    private ListedObjects() {
    }

    /** The keys to delete, in event order, without duplicates. */
    static List<String> keysOf(InstancesDeletedEvent event) {
        Set<String> keys = new LinkedHashSet<>();
        if (event.instances() == null) {
            return List.of();
        }
        for (DeletedInstance instance : event.instances()) {
            String expectedBlob;
            String expectedMetadata;
            try {
                InstanceIdentifier id = new InstanceIdentifier(event.studyInstanceUid(), instance.seriesInstanceUid(),
                        instance.sopInstanceUid());
                expectedBlob = BlobKeys.blobKey(id, instance.storeId());
                expectedMetadata = BlobKeys.metadataKey(id, instance.storeId());
            } catch (IllegalArgumentException e) {
                LOG.errorf("deleted event lists an invalid instance (%s); its objects are left alone", e.getMessage());
                continue;
            }
            addIfExpected(keys, instance.blobKey(), expectedBlob);
            addIfExpected(keys, instance.metadataKey(), expectedMetadata);
        }
        return new ArrayList<>(keys);
    }

    private static void addIfExpected(Set<String> keys, String listed, String expected) {
        if (listed == null) {
            return;
        }
        if (listed.equals(expected)) {
            keys.add(listed);
        } else {
            LOG.errorf("deleted event lists key %s, expected %s by the layout; left alone", listed, expected);
        }
    }
}
