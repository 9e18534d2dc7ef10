package org.nimbusdicom.store.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.nimbusdicom.common.mime.MultipartRelatedWriter;

/** Builds STOW request bodies for the component tests. */
final class StowRequests {

    static final String STUDY = "1.2.826.0.1.3680043.8.498.13230779778012324449356534479549187420";
    static final String SERIES_A = "1.2.826.0.1.3680043.8.498.45787841905473114233124723359129632652";
    static final String SERIES_B = "1.2.826.0.1.3680043.8.498.77033797676425927098669402985243398207";
    static final String GREEN = "1.2.826.0.1.3680043.8.498.12714725698140337137334606354172323212";
    static final String RED = "1.2.826.0.1.3680043.8.498.47359123102728459884412887463296905395";
    static final String BLUE = "1.2.826.0.1.3680043.8.498.13273713909719068980354078852867170114";
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    static final String EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";

    private StowRequests() {
    }

    /** A seed file from {@code src/test/resources/seed}. */
    static byte[] seed(String name) {
        try (InputStream in = StowRequests.class.getResourceAsStream("/seed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource seed/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart/related body; {@link Body#contentType()} carries the matching header. */
    static Body multipart(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartRelatedWriter writer = new MultipartRelatedWriter(out);
        try {
            for (byte[] part : parts) {
                writer.writePart("application/dicom", Map.of(), part);
            }
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Body(writer.contentType("application/dicom"), out.toByteArray());
    }

    record Body(String contentType, byte[] bytes) {
    }
}
