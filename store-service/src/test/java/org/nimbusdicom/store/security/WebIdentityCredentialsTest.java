package org.nimbusdicom.store.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;

/**
 * IRSA (EKS web identity): with the STS module on the classpath the SDK's web identity provider
 * (part of the default chain the chart selects with s3.credentials.source=default) exchanges the
 * projected token for role credentials. STS is a loopback stand-in here ({@code aws.endpointUrlSts}).
 * Without the module the provider fails with "the 'sts' service module must be on the class path".
 */
class WebIdentityCredentialsTest {

    @TempDir
    Path tmp;

    @Test
    void projectedTokenIsExchangedForRoleCredentials() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sts.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] xml = ("<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAIRSATEST</AccessKeyId>"
                    + "<SecretAccessKey>secret</SecretAccessKey><SessionToken>session</SessionToken>"
                    + "<Expiration>" + Instant.now().plusSeconds(3600) + "</Expiration></Credentials>"
                    + "</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, xml.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(xml);
            }
        });
        sts.start();
        Path token = Files.writeString(tmp.resolve("token"), "projected-service-account-token");
        String previousEndpoint = System.setProperty("aws.endpointUrlSts", "http://127.0.0.1:" + sts.getAddress().getPort());
        String previousRegion = System.setProperty("aws.region", "eu-central-1");
        try (WebIdentityTokenFileCredentialsProvider provider = WebIdentityTokenFileCredentialsProvider.builder()
                .webIdentityTokenFile(token).roleArn("arn:aws:iam::123456789012:role/nimbus-s3").roleSessionName("nimbus")
                .build()) {
            AwsCredentials credentials = provider.resolveCredentials();
            assertEquals("ASIAIRSATEST", credentials.accessKeyId());
            assertEquals(1, bodies.size());
            assertTrue(bodies.get(0).contains("Action=AssumeRoleWithWebIdentity"), bodies.get(0));
            assertTrue(bodies.get(0).contains("WebIdentityToken=projected-service-account-token"), bodies.get(0));
        } finally {
            restore("aws.endpointUrlSts", previousEndpoint);
            restore("aws.region", previousRegion);
            sts.stop(0);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
