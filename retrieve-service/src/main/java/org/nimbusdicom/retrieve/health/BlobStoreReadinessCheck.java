package org.nimbusdicom.retrieve.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.nimbusdicom.common.error.DependencyUnavailableException;
import org.nimbusdicom.retrieve.instance.DicomBlobStore;

/**
 * Ready only while the bucket answers (HEAD bucket, bounded by the S3 client timeouts). The
 * index's readiness is the datasource check that quarkus-agroal contributes.
 */
@Readiness
@ApplicationScoped
public class BlobStoreReadinessCheck implements HealthCheck {

    private final DicomBlobStore blobStore;

    public BlobStoreReadinessCheck(DicomBlobStore blobStore) {
        this.blobStore = blobStore;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            blobStore.ping();
            return HealthCheckResponse.up("S3 bucket");
        } catch (DependencyUnavailableException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return HealthCheckResponse.named("S3 bucket").down().withData("error", String.valueOf(cause.getMessage())).build();
        }
    }
}
