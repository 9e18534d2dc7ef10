package org.nimbusdicom.store.storage;

import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.core.SelectedAuthScheme;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.Identity;

/**
 * Signs S3 requests sent over plain {@code http} the way the SDK signs them over {@code https}:
 * with an unsigned payload ({@code UNSIGNED-PAYLOAD} / {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER},
 * the body's integrity carried by the CRC32 checksum trailer) instead of a SHA-256 of the whole body.
 *
 * <p>Why: over {@code http} the SDK always hashes the payload for SigV4, and the S3 server then
 * hashes it again to verify. Profiling STOW showed SHA-256 as 28 % of store-service's CPU and 49 %
 * of the S3 server's (S3Proxy) for 525 KB instances: the single largest cost of a STOW on a small
 * box. Plain {@code http} to S3 is only used for S3-compatible stores on a private network (the
 * local stack, MinIO in the cluster); AWS S3 is reached over {@code https}, where this interceptor
 * changes nothing. The SigV4 canonical request does not contain the scheme, so a request signed
 * "as https" is valid over http. Switch it off with {@code nimbus.s3.sign-payload=true}.
 *
 * <p>Registered through {@code quarkus.s3.interceptors}; the SDK instantiates it reflectively, so
 * it reads its one setting from MicroProfile Config directly.
 */
public final class UnsignedPayloadInterceptor implements ExecutionInterceptor {

    private final boolean signPayload = ConfigProvider.getConfig()
            .getOptionalValue("nimbus.s3.sign-payload", Boolean.class).orElse(false);

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (signPayload) {
            return;
        }
        SelectedAuthScheme selected = attributes.getAttribute(SdkInternalExecutionAttribute.SELECTED_AUTH_SCHEME);
        if (selected != null && !(selected.signer() instanceof HttpsEquivalentSigner)) {
            attributes.putAttribute(SdkInternalExecutionAttribute.SELECTED_AUTH_SCHEME, new SelectedAuthScheme(
                    selected.identity(), new HttpsEquivalentSigner<>(selected.signer()), selected.authSchemeOption()));
        }
    }

    /** Delegates to the SDK's signer, presenting an http request as https with payload signing off. */
    static final class HttpsEquivalentSigner<I extends Identity> implements HttpSigner<I> {

        private final HttpSigner<I> delegate;

        HttpsEquivalentSigner(HttpSigner<I> delegate) {
            this.delegate = delegate;
        }

        @Override
        public SignedRequest sign(SignRequest<? extends I> request) {
            SdkHttpRequest original = request.request();
            if (!"http".equals(original.protocol())) {
                return delegate.sign(request);
            }
            // keep the Host header the signer derives identical: default port 80 ↔ default port 443
            int port = original.port() == 80 ? 443 : original.port();
            SignRequest<? extends I> asHttps = request.copy(b -> b
                    .request(original.toBuilder().protocol("https").port(port).build())
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
            SignedRequest signed = delegate.sign(asHttps);
            return signed.copy(b -> b.request(signed.request().toBuilder()
                    .protocol(original.protocol()).port(original.port()).build()));
        }

        @Override
        public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends I> request) {
            return delegate.signAsync(request); // store-service uses the sync client only
        }
    }
}
