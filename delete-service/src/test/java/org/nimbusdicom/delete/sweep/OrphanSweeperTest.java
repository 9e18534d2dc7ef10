package org.nimbusdicom.delete.sweep;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.StoreId;
import org.nimbusdicom.delete.support.FakeQueryService;
import org.nimbusdicom.delete.support.Fixtures;
import org.nimbusdicom.delete.support.Fixtures.Copy;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import software.amazon.awssdk.services.s3.S3Client;

/** The orphan sweeper against real S3 (listing, LastModified) and the real index. */
@QuarkusTest
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(FakeQueryService.class)
class OrphanSweeperTest {

    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration OLD = Duration.ofDays(2);

    @Inject
    OrphanSweeper sweeper;
    @Inject
    S3Client s3;

    @Test
    void removesOnlyUnreferencedObjectsOlderThanTheGracePeriod() throws InterruptedException {
        Fixtures fixtures = new Fixtures(s3);
        String study = Fixtures.newUid();
        String series = study + ".1";
        // old enough by both clocks once we waited out the grace period
        Copy orphan = fixtures.objectsOnly(study, series, series + ".1", Fixtures.storeIdAged(OLD));
        Copy referenced = fixtures.stored(study, series, series + ".2", Fixtures.storeIdAged(OLD));
        String oldId = Fixtures.storeIdAged(OLD);
        Set<String> foreign = Set.of(
                BlobKeys.ROOT_PREFIX + study + "/README.txt",
                BlobKeys.ROOT_PREFIX + study + "/series/not-a-uid/instances/1.2/" + oldId + ".dcm",
                BlobKeys.ROOT_PREFIX + study + "/series/" + series + "/instances/" + series + ".9/" + oldId + ".bin",
                BlobKeys.ROOT_PREFIX + study + "/series/" + series + "/instances/" + series + ".9/" + oldId.toUpperCase()
                        + ".dcm");
        foreign.forEach(k -> fixtures.put(k, "not ours"));
        Thread.sleep(GRACE.toMillis() + 1500);
        // young: a STOW in flight (blob uploaded, event not indexed yet)
        Copy young = fixtures.objectsOnly(study, series, series + ".3", StoreId.next());
        // an old store id but a fresh upload: younger by LastModified, so kept as well
        Copy freshUpload = fixtures.objectsOnly(study, series, series + ".4", Fixtures.storeIdAged(OLD));
        double sweptBefore = sweptMetric();

        SweepResult result = sweeper.sweep(GRACE);

        Set<String> expected = new TreeSet<>(foreign);
        for (Copy kept : new Copy[] {referenced, young, freshUpload}) {
            expected.add(kept.blobKey());
            expected.add(kept.metadataKey());
        }
        assertEquals(expected, fixtures.keysUnder(BlobKeys.ROOT_PREFIX + study + "/"));
        assertTrue(result.swept() >= 2, result.toString());
        assertTrue(result.referenced() >= 2 && result.young() >= 4 && result.foreign() >= 4, result.toString());
        assertEquals(0, result.failed());
        assertTrue(sweptMetric() >= sweptBefore + 2, "sweeper metric counts the deleted objects");
        assertFalse(fixtures.keysUnder(BlobKeys.ROOT_PREFIX + study + "/").contains(orphan.blobKey()));
    }

    @Test
    void layoutCheckAcceptsOnlyExactKeys() {
        String id = StoreId.next();
        assertEquals(id, OrphanSweeper.layoutStoreId("studies/1.2/series/1.2.3/instances/1.2.3.4/" + id + ".dcm"));
        assertEquals(id, OrphanSweeper.layoutStoreId("studies/1.2/series/1.2.3/instances/1.2.3.4/" + id + ".json"));
        assertNull(OrphanSweeper.layoutStoreId("studies/1.2/series/1.2.3/instances/1.2.3.4/" + id + ".dcm.tmp"));
        assertNull(OrphanSweeper.layoutStoreId("studies/1.2/series/01.2/instances/1.2.3.4/" + id + ".dcm"));
        assertNull(OrphanSweeper.layoutStoreId("studies/1.2/series/1.2.3/instances/1.2.3.4/x/" + id + ".dcm"));
        assertNull(OrphanSweeper.layoutStoreId("studies/1.2/" + id + ".dcm"));
        assertNull(OrphanSweeper.layoutStoreId("backup/studies/1.2/series/1.2.3/instances/1.2.3.4/" + id + ".dcm"));
    }

    private static double sweptMetric() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("nimbus_delete_sweeper_objects_swept_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no sweeper metric in /q/metrics"));
    }
}
