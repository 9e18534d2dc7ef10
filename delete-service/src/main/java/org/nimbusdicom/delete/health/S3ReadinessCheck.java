package org.nimbusdicom.delete.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.nimbusdicom.delete.storage.DicomObjectStore;

/** Ready when the DICOM bucket answers HeadBucket. PostgreSQL is covered by the datasource check. */
@Readiness
@ApplicationScoped
public class S3ReadinessCheck implements HealthCheck {

    private final DicomObjectStore store;

    public S3ReadinessCheck(DicomObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.ping();
            return HealthCheckResponse.named("S3").up().withData("bucket", store.bucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("S3").down().withData("bucket", store.bucket())
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
