package org.nimbusdicom.retrieve;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Records every GetObject the service's S3 client makes (key, Range header, body length S3
 * announced), so tests can assert that frames are fetched by ranged reads only. Registered with
 * {@code %test.quarkus.s3.interceptors}.
 */
public class S3TrafficRecorder implements ExecutionInterceptor {

    /** One GetObject exchange. */
    public record Get(String key, String range, long contentLength) {
    }

    private static final List<Get> GETS = new CopyOnWriteArrayList<>();

    @Override
    public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetObjectRequest request && context.response() instanceof GetObjectResponse response) {
            Long length = response.contentLength();
            GETS.add(new Get(request.key(), request.range(), length == null ? -1 : length));
        }
    }

    /** Forgets what was recorded. */
    public static void reset() {
        GETS.clear();
    }

    /** GetObject exchanges since the last reset. */
    public static List<Get> gets() {
        return List.copyOf(GETS);
    }

    /** GetObject exchanges on {@code key} since the last reset. */
    public static List<Get> gets(String key) {
        return GETS.stream().filter(g -> g.key().equals(key)).toList();
    }
}
