package org.nimbusdicom.retrieve.instance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.error.DependencyUnavailableException;
import org.nimbusdicom.common.error.ResourceNotFoundException;
import org.nimbusdicom.common.model.ByteRange;
import org.nimbusdicom.retrieve.config.RetrieveConfig;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads Part 10 blobs and metadata objects from S3: whole objects as streams, byte ranges with
 * ranged GETs, small metadata objects whole. Counts requests and bytes read (Micrometer
 * {@code nimbus.retrieve.s3.*}). S3 failures become 503 + Retry-After; a missing object (the
 * index points at a blob that is gone, e.g. deleted concurrently) becomes 404.
 */
@ApplicationScoped
public class DicomBlobStore {

    private static final Logger LOG = Logger.getLogger(DicomBlobStore.class);

    private final S3Client s3;
    private final String bucket;
    private final RetrieveConfig config;
    private final Counter bytesRead;
    private final Counter objectGets;
    private final Counter rangeGets;

    public DicomBlobStore(S3Client s3, @ConfigProperty(name = "nimbus.s3.bucket") String bucket, RetrieveConfig config,
            MeterRegistry registry) {
        this.s3 = s3;
        this.bucket = bucket;
        this.config = config;
        this.bytesRead = Counter.builder("nimbus.retrieve.s3.bytes.read").baseUnit("bytes")
                .description("Body bytes received from S3").register(registry);
        this.objectGets = Counter.builder("nimbus.retrieve.s3.requests").tag("kind", "object")
                .description("S3 GetObject requests").register(registry);
        this.rangeGets = Counter.builder("nimbus.retrieve.s3.requests").tag("kind", "range")
                .description("S3 GetObject requests").register(registry);
    }

    /** Opens a whole object. */
    public BlobStream open(String key) {
        objectGets.increment();
        return get(GetObjectRequest.builder().bucket(bucket).key(key).build(), key);
    }

    /** Opens {@code range} of an object with one ranged GET. */
    public BlobStream openRange(String key, ByteRange range) {
        if (range.length() == 0) {
            return new BlobStream(InputStream.nullInputStream(), 0, () -> { });
        }
        rangeGets.increment();
        BlobStream stream = get(GetObjectRequest.builder().bucket(bucket).key(key).range(range.httpRange()).build(), key);
        if (stream.length() != range.length()) {
            closeQuietly(stream);
            throw new IllegalStateException("S3 returned " + stream.length() + " bytes for range " + range.httpRange()
                    + " of " + key + " (object shorter than the index says?)");
        }
        return stream;
    }

    /**
     * Opens the concatenation of {@code ranges} (e.g. the fragments of an encapsulated frame).
     * Ranges in ascending order separated by small gaps (item headers) are fetched with one ranged
     * GET and the gaps skipped, so a frame costs one round trip however many fragments it has.
     * The first GET is issued now (errors surface here), later ones when the stream reaches them.
     */
    public InputStream openRanges(String key, List<ByteRange> ranges) {
        List<List<ByteRange>> groups = coalesce(ranges, config.storage().rangeCoalesceGap());
        return new RangeGroupsInputStream(key, groups);
    }

    /** Reads a small object (metadata JSON) whole. */
    public byte[] readAll(String key) {
        try (BlobStream in = open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DependencyUnavailableException("S3", config.retryAfterSeconds(), e);
        }
    }

    /** Checks that the bucket is reachable; throws {@link DependencyUnavailableException} when not. */
    public void ping() {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (SdkClientException | S3Exception e) {
            throw new DependencyUnavailableException("S3", config.retryAfterSeconds(), e);
        }
    }

    private BlobStream get(GetObjectRequest request, String key) {
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = s3.getObject(request);
        } catch (NoSuchKeyException e) {
            throw new ResourceNotFoundException("stored object is missing: " + key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ResourceNotFoundException("stored object is missing: " + key);
            }
            if (e.statusCode() >= 500 || e.statusCode() == 429) {
                LOG.warnf("S3 GET %s failed: %s", key, e.getMessage());
                throw new DependencyUnavailableException("S3", config.retryAfterSeconds(), e);
            }
            throw new IllegalStateException("S3 GET " + key + " failed with " + e.statusCode(), e);
        } catch (SdkClientException e) {
            LOG.warnf("S3 GET %s failed: %s", key, e.getMessage());
            throw new DependencyUnavailableException("S3", config.retryAfterSeconds(), e);
        }
        Long length = response.response().contentLength();
        InputStream counted = new java.io.FilterInputStream(response) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.increment();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    bytesRead.increment(n);
                }
                return n;
            }
        };
        return new BlobStream(counted, length == null ? -1 : length, response::abort);
    }

    static List<List<ByteRange>> coalesce(List<ByteRange> ranges, long maxGap) {
        List<List<ByteRange>> groups = new ArrayList<>();
        List<ByteRange> current = null;
        ByteRange last = null;
        for (ByteRange range : ranges) {
            if (range.length() == 0) {
                continue;
            }
            boolean joins = last != null && range.offset() >= last.offset() + last.length()
                    && range.offset() - (last.offset() + last.length()) <= maxGap;
            if (!joins) {
                current = new ArrayList<>();
                groups.add(current);
            }
            current.add(range);
            last = range;
        }
        return groups;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // releasing a connection; nothing to report
        }
    }

    /** Streams groups of ranges, one ranged GET per group, skipping the gaps inside a group. */
    private final class RangeGroupsInputStream extends InputStream {

        private final String key;
        private final Iterator<List<ByteRange>> groups;
        private BlobStream current;
        private Iterator<ByteRange> rangesOfCurrent;
        private long positionInBlob;
        private long remainingInRange;

        RangeGroupsInputStream(String key, List<List<ByteRange>> groups) {
            this.key = key;
            this.groups = groups.iterator();
            if (this.groups.hasNext()) {
                openGroup(this.groups.next());
            }
        }

        private void openGroup(List<ByteRange> group) {
            ByteRange first = group.get(0);
            ByteRange last = group.get(group.size() - 1);
            current = openRange(key, new ByteRange(first.offset(), last.offset() + last.length() - first.offset()));
            positionInBlob = first.offset();
            rangesOfCurrent = group.iterator();
            remainingInRange = 0;
        }

        /** Positions on the next byte to deliver; false at the end of all ranges. */
        private boolean advance() throws IOException {
            while (remainingInRange == 0) {
                if (current != null && rangesOfCurrent.hasNext()) {
                    ByteRange range = rangesOfCurrent.next();
                    current.skipNBytes(range.offset() - positionInBlob);
                    positionInBlob = range.offset();
                    remainingInRange = range.length();
                } else {
                    if (current != null) {
                        current.close();
                        current = null;
                    }
                    if (!groups.hasNext()) {
                        return false;
                    }
                    try {
                        openGroup(groups.next());
                    } catch (RuntimeException e) {
                        throw new IOException("S3 ranged read of " + key + " failed", e);
                    }
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!advance()) {
                return -1;
            }
            int n = current.read(b, off, (int) Math.min(len, remainingInRange));
            if (n < 0) {
                throw new IOException("premature end of S3 ranged read of " + key);
            }
            remainingInRange -= n;
            positionInBlob += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
