package org.nimbusdicom.common.model;

/**
 * The one definition of the S3 key layout (DESIGN §5):
 * {@code studies/{study}/series/{series}/instances/{sop}/{storeId}.dcm} for the Part 10 blob and
 * {@code ....json} for its metadata. Keys are built only from validated identifiers.
 */
public final class BlobKeys {

    /** Prefix of every key written by Nimbus. */
    public static final String ROOT_PREFIX = "studies/";
    /** Suffix of a Part 10 blob. */
    public static final String BLOB_SUFFIX = ".dcm";
    /** Suffix of a metadata (DICOM JSON) object. */
    public static final String METADATA_SUFFIX = ".json";

    private BlobKeys() {
    }

    /** Key prefix of everything stored for a study (ends with '/'). */
    public static String studyPrefix(StudyIdentifier study) {
        return ROOT_PREFIX + study.studyInstanceUid() + "/";
    }

    /** Key prefix of everything stored for a series (ends with '/'). */
    public static String seriesPrefix(SeriesIdentifier series) {
        return studyPrefix(series.study()) + "series/" + series.seriesInstanceUid() + "/";
    }

    /** Key prefix of every stored copy of an instance (ends with '/'). */
    public static String instancePrefix(InstanceIdentifier instance) {
        return seriesPrefix(instance.series()) + "instances/" + instance.sopInstanceUid() + "/";
    }

    /** Key of the Part 10 blob of one stored copy. */
    public static String blobKey(InstanceIdentifier instance, String storeId) {
        return instancePrefix(instance) + requireStoreId(storeId) + BLOB_SUFFIX;
    }

    /** Key of the metadata JSON of one stored copy. */
    public static String metadataKey(InstanceIdentifier instance, String storeId) {
        return instancePrefix(instance) + requireStoreId(storeId) + METADATA_SUFFIX;
    }

    /**
     * Extracts the store id from a key written by this class, or {@code null} when the key does
     * not follow the layout (such objects are never touched by the sweeper).
     */
    public static String storeIdOf(String key) {
        if (key == null || !key.startsWith(ROOT_PREFIX)) {
            return null;
        }
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        if (slash < 0 || dot < slash) {
            return null;
        }
        String candidate = key.substring(slash + 1, dot);
        String suffix = key.substring(dot);
        boolean knownSuffix = BLOB_SUFFIX.equals(suffix) || METADATA_SUFFIX.equals(suffix);
        return knownSuffix && StoreId.isValid(candidate) ? candidate : null;
    }

    private static String requireStoreId(String storeId) {
        if (!StoreId.isValid(storeId)) {
            throw new IllegalArgumentException("not a store id: " + DicomUid.abbreviate(storeId));
        }
        return storeId;
    }
}
