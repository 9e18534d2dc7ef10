package org.nimbusdicom.store.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The http request is signed exactly as its https twin would be: unsigned payload, same signature. */
class UnsignedPayloadInterceptorTest {

    private static final AwsCredentialsIdentity CREDENTIALS = AwsCredentialsIdentity.create("local-identity", "local-credential");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private final AwsV4HttpSigner sdkSigner = AwsV4HttpSigner.create();

    @Test
    void httpRequestGetsTheSignatureOfItsHttpsTwinWithoutHashingThePayload() {
        SignedRequest viaWrapper = new UnsignedPayloadInterceptor.HttpsEquivalentSigner<>(sdkSigner)
                .sign(signRequest("http://127.0.0.1:18080/bucket/key.dcm"));
        SignedRequest httpsTwin = sdkSigner.sign(signRequest("https://127.0.0.1:18080/bucket/key.dcm").copy(b -> b
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)));

        SdkHttpRequest sent = viaWrapper.request();
        assertEquals("http", sent.protocol());
        assertEquals(18080, sent.port());
        assertEquals("UNSIGNED-PAYLOAD", sent.firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        assertEquals(httpsTwin.request().firstMatchingHeader("Authorization").orElseThrow(),
                sent.firstMatchingHeader("Authorization").orElseThrow());
    }

    @Test
    void defaultHttpPortKeepsTheHostHeaderWithoutPort() {
        SdkHttpRequest sent = new UnsignedPayloadInterceptor.HttpsEquivalentSigner<>(sdkSigner)
                .sign(signRequest("http://s3.internal/bucket/key.dcm")).request();
        assertEquals(80, sent.port());
        assertEquals("s3.internal", sent.firstMatchingHeader("Host").orElseThrow());
    }

    @Test
    void withoutTheWrapperTheSdkHashesThePayloadOverHttp() {
        // the behaviour the wrapper exists to avoid: proves the test above can fail
        String hash = sdkSigner.sign(signRequest("http://127.0.0.1:18080/bucket/key.dcm")).request()
                .firstMatchingHeader("x-amz-content-sha256").orElseThrow();
        assertFalse(hash.startsWith("UNSIGNED"));
        assertEquals(64, hash.length());
    }

    @Test
    void httpsRequestsAreLeftToTheSdk() {
        HttpSigner<AwsCredentialsIdentity> wrapper = new UnsignedPayloadInterceptor.HttpsEquivalentSigner<>(sdkSigner);
        SignRequest<AwsCredentialsIdentity> https = signRequest("https://s3.amazonaws.com/bucket/key.dcm");
        assertEquals(sdkSigner.sign(https).request().headers(), wrapper.sign(https).request().headers());
        assertTrue(wrapper.sign(https).request().firstMatchingHeader("Authorization").isPresent());
    }

    private static SignRequest<AwsCredentialsIdentity> signRequest(String url) {
        byte[] body = "DICM payload".getBytes(StandardCharsets.US_ASCII);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(URI.create(url))
                .putHeader("Content-Length", Integer.toString(body.length)).build();
        return SignRequest.builder(CREDENTIALS).request(request).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK)
                .build();
    }
}
