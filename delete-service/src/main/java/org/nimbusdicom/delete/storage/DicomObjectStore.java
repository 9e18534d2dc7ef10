package org.nimbusdicom.delete.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/** The DICOM bucket, as seen by delete-service: batch deletes, paged listing, health. */
@ApplicationScoped
public class DicomObjectStore implements ObjectDeleter {

    /** S3's limit of keys per DeleteObjects request. */
    public static final int MAX_KEYS_PER_DELETE = 1000;

    private static final Logger LOG = Logger.getLogger(DicomObjectStore.class);

    private final S3Client s3;
    private final String bucket;

    public DicomObjectStore(S3Client s3, @ConfigProperty(name = "nimbus.s3.bucket") String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The bucket name. */
    public String bucket() {
        return bucket;
    }

    @Override
    public List<String> delete(List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        if (keys.size() > MAX_KEYS_PER_DELETE) {
            throw new IllegalArgumentException("at most " + MAX_KEYS_PER_DELETE + " keys per DeleteObjects");
        }
        List<ObjectIdentifier> objects = new ArrayList<>(keys.size());
        for (String key : keys) {
            objects.add(ObjectIdentifier.builder().key(key).build());
        }
        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket)
                .delete(Delete.builder().objects(objects).quiet(true).build()));
        List<String> failed = new ArrayList<>();
        for (S3Error error : response.errors()) {
            // NoSuchKey is success for us (already gone); S3 does not report it, some clones do
            if ("NoSuchKey".equals(error.code())) {
                continue;
            }
            LOG.warnf("S3 could not delete %s: %s %s", error.key(), error.code(), error.message());
            failed.add(error.key());
        }
        return failed;
    }

    /**
     * Lists every object under {@code prefix}, page by page (ListObjectsV2), handing each page to
     * {@code pageConsumer}. Pages are consumed before the next one is fetched, so memory stays
     * bounded by the page size.
     */
    public void forEachPage(String prefix, int pageSize, Consumer<List<StoredObject>> pageConsumer) {
        String continuation = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                    .maxKeys(Math.min(MAX_KEYS_PER_DELETE, Math.max(1, pageSize)));
            if (continuation != null) {
                request.continuationToken(continuation);
            }
            ListObjectsV2Response page = s3.listObjectsV2(request.build());
            List<StoredObject> objects = new ArrayList<>(page.contents().size());
            page.contents().forEach(o -> objects.add(new StoredObject(o.key(), o.lastModified())));
            pageConsumer.accept(objects);
            continuation = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (continuation != null);
    }

    /** Throws unless the bucket is reachable (HeadBucket). */
    public void ping() {
        s3.headBucket(b -> b.bucket(bucket));
    }
}
