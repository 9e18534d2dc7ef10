package org.nimbusdicom.store.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the blob bucket answers HEAD. */
@Readiness
@ApplicationScoped
public class S3ReadinessCheck implements HealthCheck {

    private final DicomBlobStore blobStore;

    public S3ReadinessCheck(DicomBlobStore blobStore) {
        this.blobStore = blobStore;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("s3").status(blobStore.bucketReachable())
                .withData("bucket", blobStore.bucket()).build();
    }
}
