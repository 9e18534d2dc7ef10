package org.nimbusdicom.retrieve.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.retrieve.IndexFixtures;
import org.nimbusdicom.retrieve.TestS3;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * A series of 24 seed-sized instances (~69 MB) streamed end to end: the whole body arrives, the
 * first byte comes before the last instance could have been buffered, and the figures are logged.
 */
@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = @ResourceArg(name = "servers", value = "postgres,s3"))
class SeriesThroughputComponentTest {

    private static final Logger LOG = Logger.getLogger(SeriesThroughputComponentTest.class);

    @TestHTTPResource("/")
    URL base;

    @Test
    void seriesStreamsAtSpeed() throws Exception {
        byte[] seed = Files.readAllBytes(Path.of("src/test/resources/seed/green-square.dcm"));
        IndexFixtures fixtures = TestS3.fixtures();
        String study = IndexFixtures.newUid();
        String series = IndexFixtures.newUid();
        int count = 24;
        java.util.List<IndexFixtures.Stored> storedList = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            storedList.add(fixtures.store(new InstanceIdentifier(study, series, IndexFixtures.newUid()), seed, "{}".getBytes(),
                    "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1", i + 1, null, List.of()));
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + "/studies/" + study
                + "/series/" + series)).header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*")
                .build();
        long best = Long.MAX_VALUE;
        long firstByteOfBest = 0;
        long total = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            long firstByte = 0;
            total = 0;
            byte[] buffer = new byte[256 * 1024];
            try (InputStream in = response.body()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (firstByte == 0 && n > 0) {
                        firstByte = System.nanoTime() - start;
                    }
                    total += n;
                }
            }
            long elapsed = System.nanoTime() - start;
            if (elapsed < best) {
                best = elapsed;
                firstByteOfBest = firstByte;
            }
        }
        // the ceiling: the same bytes straight from the embedded S3 server, one GET after the other
        long s3Start = System.nanoTime();
        long s3Bytes = 0;
        for (var stored : storedList) {
            try (InputStream in = TestS3.client().getObject(b -> b.bucket("nimbus-dicom").key(stored.blobKey()))) {
                s3Bytes += in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        LOG.infof("direct S3 reads: %.1f MB in %d ms", s3Bytes / 1e6, (System.nanoTime() - s3Start) / 1_000_000);
        long payload = (long) seed.length * count;
        assertTrue(total > payload && total < payload + 64L * 1024, "body of " + total + " bytes for " + payload);
        double mbPerSecond = total / 1e6 / (best / 1e9);
        LOG.infof("series retrieve: %d instances, %.1f MB in %d ms = %.0f MB/s, first byte after %d ms", count, total / 1e6,
                best / 1_000_000, mbPerSecond, firstByteOfBest / 1_000_000);
        assertTrue(firstByteOfBest < best, "streamed, not buffered");
    }
}
