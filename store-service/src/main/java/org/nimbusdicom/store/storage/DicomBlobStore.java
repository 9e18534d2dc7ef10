package org.nimbusdicom.store.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.error.DependencyUnavailableException;
import org.nimbusdicom.common.mime.MediaTypes;
import org.nimbusdicom.store.config.StoreConfig;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Writes Part 10 blobs and metadata JSON objects to the one bucket. Large blobs go through an
 * S3 multipart upload read part by part from the staging file (bounded memory); a failed
 * multipart upload is aborted so no incomplete upload is left behind. Any S3 failure is a
 * {@link DependencyUnavailableException} (503 with Retry-After).
 */
@ApplicationScoped
public class DicomBlobStore {

    private static final Logger LOG = Logger.getLogger(DicomBlobStore.class);

    private final S3Client s3;
    private final String bucket;
    private final long multipartThreshold;
    private final long partSize;
    private final int retryAfterSeconds;

    public DicomBlobStore(S3Client s3, @ConfigProperty(name = "nimbus.s3.bucket") String bucket, StoreConfig config) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = Math.max(5L * 1024 * 1024, config.upload().partSize().asLongValue());
        this.multipartThreshold = Math.max(partSize, config.upload().multipartThreshold().asLongValue());
        this.retryAfterSeconds = config.retryAfterSeconds();
    }

    /** The bucket blobs are written to. */
    public String bucket() {
        return bucket;
    }

    /** Uploads the staged Part 10 file {@code file} ({@code size} bytes) byte-identically to {@code key}. */
    public void putBlob(String key, Path file, long size) {
        try {
            if (size <= multipartThreshold) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(MediaTypes.APPLICATION_DICOM).contentLength(size),
                        RequestBody.fromFile(file));
            } else {
                multipartUpload(key, file, size);
            }
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    /** Uploads a small object (the metadata JSON). */
    public void putMetadata(String key, byte[] json) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(MediaTypes.APPLICATION_DICOM_JSON)
                    .contentLength((long) json.length), RequestBody.fromBytes(json));
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    /**
     * Deletes {@code key}, logging instead of failing: used to undo an upload whose event could
     * not be published. What this misses, the orphan sweeper of delete-service removes later.
     */
    public void deleteQuietly(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            LOG.warnf("could not delete %s after a failed store (left to the orphan sweeper): %s", key, e.getMessage());
        }
    }

    /** True when the bucket answers a HEAD request (readiness). */
    public boolean bucketReachable() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    private void multipartUpload(String key, Path file, long size) {
        CreateMultipartUploadResponse created = s3.createMultipartUpload(
                b -> b.bucket(bucket).key(key).contentType(MediaTypes.APPLICATION_DICOM));
        String uploadId = created.uploadId();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<CompletedPart> parts = new ArrayList<>();
            int partNumber = 1;
            for (long offset = 0; offset < size; offset += partSize, partNumber++) {
                long length = Math.min(partSize, size - offset);
                long position = offset;
                int number = partNumber;
                // each attempt (the SDK may retry) re-reads the same slice of the staging file
                RequestBody body = RequestBody.fromContentProvider(() -> slice(channel, position, length), length,
                        MediaTypes.APPLICATION_OCTET_STREAM);
                UploadPartResponse uploaded = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(number).contentLength(length), body);
                parts.add(CompletedPart.builder().partNumber(number).eTag(uploaded.eTag()).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            abortQuietly(key, uploadId);
            if (e instanceof SdkException sdk) {
                throw sdk;
            }
            throw new IllegalStateException("cannot read staging file of " + key, e);
        }
    }

    private static InputStream slice(FileChannel channel, long position, long length) {
        return new java.io.BufferedInputStream(Channels.newInputStream(new SliceChannel(channel, position, length)), 64 * 1024);
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warnf("could not abort multipart upload %s of %s: %s", uploadId, key, e.getMessage());
        }
    }

    private DependencyUnavailableException unavailable(SdkException e) {
        LOG.warnf("S3 request failed: %s", e.getMessage());
        return new DependencyUnavailableException("S3", retryAfterSeconds, e);
    }
}
