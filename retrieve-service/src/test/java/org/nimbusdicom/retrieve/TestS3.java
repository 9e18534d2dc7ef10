package org.nimbusdicom.retrieve;

import java.net.URI;
import org.nimbusdicom.testsupport.EmbeddedS3Server;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A test-side S3 client on the embedded S3 server (fixtures are written with it, not with the service's client). */
public final class TestS3 {

    private static S3Client client;

    private TestS3() {
    }

    public static synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(URI.create(NimbusTestInfrastructure.s3().endpoint()))
                    .forcePathStyle(true)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(EmbeddedS3Server.ACCESS_KEY, EmbeddedS3Server.SECRET_KEY)))
                    .build();
        }
        return client;
    }

    public static IndexFixtures fixtures() {
        return new IndexFixtures(client());
    }
}
