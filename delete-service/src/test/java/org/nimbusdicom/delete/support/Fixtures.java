package org.nimbusdicom.delete.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.common.model.StoreId;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Test data as query-service and store-service would have left it: index rows (JDBC, as the
 * schema owner) and the two S3 objects of each stored copy under {@link BlobKeys} keys.
 */
public final class Fixtures {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Client s3;
    private final String bucket;

    public Fixtures(S3Client s3) {
        this.s3 = s3;
        this.bucket = ConfigProvider.getConfig().getValue("nimbus.s3.bucket", String.class);
    }

    /** One stored copy: identifiers, store id and keys. */
    public record Copy(InstanceIdentifier id, String storeId, String blobKey, String metadataKey) {
    }

    /** A fresh random UID root ({@code 2.25.<uuid as integer>}), unique per call. */
    public static String newUid() {
        return "2.25." + new BigInteger(1, randomBytes(15));
    }

    /** A store id created {@code age} ago. */
    public static String storeIdAged(Duration age) {
        long millis = System.currentTimeMillis() - age.toMillis();
        return String.format("%012x", millis) + HexFormat.of().formatHex(randomBytes(10));
    }

    /** Stores a copy: both objects in S3 and its index rows (study, series, instance). */
    public Copy stored(String study, String series, String sop) {
        Copy copy = objectsOnly(study, series, sop, StoreId.next());
        index(copy);
        return copy;
    }

    /** Stores a copy with a given store id (e.g. an old one). */
    public Copy stored(String study, String series, String sop, String storeId) {
        Copy copy = objectsOnly(study, series, sop, storeId);
        index(copy);
        return copy;
    }

    /** Only the S3 objects of a copy (e.g. a re-STOW not indexed yet, or an orphan). */
    public Copy objectsOnly(String study, String series, String sop, String storeId) {
        InstanceIdentifier id = new InstanceIdentifier(study, series, sop);
        Copy copy = new Copy(id, storeId, BlobKeys.blobKey(id, storeId), BlobKeys.metadataKey(id, storeId));
        put(copy.blobKey(), "DICM " + storeId);
        put(copy.metadataKey(), "{}");
        return copy;
    }

    /** Writes an arbitrary object. */
    public void put(String key, String content) {
        // S3Proxy sometimes drops the connection after "Expect: 100-continue" (url-connection client)
        for (int attempt = 1;; attempt++) {
            try {
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Every key under a prefix. */
    public Set<String> keysUnder(String prefix) {
        Set<String> keys = new TreeSet<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)
                    .continuationToken(continuation));
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return keys;
    }

    /** Inserts the index rows of a copy (the study and series rows when missing). */
    public void index(Copy copy) {
        InstanceIdentifier id = copy.id();
        try (Connection c = connect()) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO study (study_instance_uid) VALUES (?) ON CONFLICT DO NOTHING")) {
                s.setString(1, id.studyInstanceUid());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO series (series_instance_uid, study_instance_uid)"
                    + " VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, id.seriesInstanceUid());
                s.setString(2, id.studyInstanceUid());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO instance (sop_instance_uid, series_instance_uid,"
                    + " study_instance_uid, sop_class_uid, transfer_syntax_uid, store_id, blob_key, metadata_key,"
                    + " size_bytes, stored_at) VALUES (?, ?, ?, '1.2.840.10008.5.1.4.1.1.7', '1.2.840.10008.1.2.1',"
                    + " ?, ?, ?, 42, now())")) {
                s.setString(1, id.sopInstanceUid());
                s.setString(2, id.seriesInstanceUid());
                s.setString(3, id.studyInstanceUid());
                s.setString(4, copy.storeId());
                s.setString(5, copy.blobKey());
                s.setString(6, copy.metadataKey());
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Several copies of a study: {@code seriesCount} series of {@code perSeries} instances each. */
    public List<Copy> study(String study, int seriesCount, int perSeries) {
        List<Copy> copies = new ArrayList<>();
        for (int s = 1; s <= seriesCount; s++) {
            String series = study + "." + s;
            for (int i = 1; i <= perSeries; i++) {
                copies.add(stored(study, series, series + "." + i));
            }
        }
        return copies;
    }

    /** A connection to the index database as its owner. */
    public static Connection connect() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return DriverManager.getConnection(url, "nimbus", "nimbus");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
