package org.nimbusdicom.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlobKeysTest {

    private final InstanceIdentifier instance = new InstanceIdentifier("1.2.3", "1.2.3.4", "1.2.3.4.5");

    @Test
    void keysFollowTheDesignLayout() {
        String storeId = StoreId.next();
        assertEquals("studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/" + storeId + ".dcm",
                BlobKeys.blobKey(instance, storeId));
        assertEquals("studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/" + storeId + ".json",
                BlobKeys.metadataKey(instance, storeId));
        assertEquals("studies/1.2.3/", BlobKeys.studyPrefix(instance.study()));
        assertEquals("studies/1.2.3/series/1.2.3.4/", BlobKeys.seriesPrefix(instance.series()));
    }

    @Test
    void storeIdIsRecoveredFromKeysAndForeignKeysAreIgnored() {
        String storeId = StoreId.next();
        assertEquals(storeId, BlobKeys.storeIdOf(BlobKeys.blobKey(instance, storeId)));
        assertEquals(storeId, BlobKeys.storeIdOf(BlobKeys.metadataKey(instance, storeId)));
        assertNull(BlobKeys.storeIdOf("other/1.2/x.dcm"));
        assertNull(BlobKeys.storeIdOf("studies/1.2/series/1.3/instances/1.4/notanid.dcm"));
        assertNull(BlobKeys.storeIdOf("studies/1.2/series/1.3/instances/1.4/" + storeId + ".txt"));
        assertNull(BlobKeys.storeIdOf(null));
    }

    @Test
    void invalidIdentifiersNeverReachAKey() {
        assertThrows(IllegalArgumentException.class, () -> new InstanceIdentifier("1.2", "../..", "1.3"));
        assertThrows(IllegalArgumentException.class, () -> BlobKeys.blobKey(instance, "../x"));
    }

    @Test
    void storeIdsAreUniqueAndTimeOrdered() throws InterruptedException {
        String first = StoreId.next();
        Thread.sleep(2);
        String second = StoreId.next();
        assertNotEquals(first, second);
        assertTrue(StoreId.isValid(first));
        assertTrue(first.compareTo(second) < 0, "later ids sort after earlier ones");
        long created = StoreId.createdAtMillis(second);
        assertTrue(Math.abs(System.currentTimeMillis() - created) < 10_000);
    }

    @Test
    void byteRangeFormatsAnHttpRange() {
        ByteRange range = new ByteRange(100, 50);
        assertEquals(149, range.lastByte());
        assertEquals("bytes=100-149", range.httpRange());
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(-1, 2));
    }
}
