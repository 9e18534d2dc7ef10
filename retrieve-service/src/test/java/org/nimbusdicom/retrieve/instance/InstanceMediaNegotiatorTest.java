package org.nimbusdicom.retrieve.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.NotAcceptableException;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.retrieve.media.Accept;

class InstanceMediaNegotiatorTest {

    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String JPEG = "1.2.840.10008.1.2.4.50";
    private static final BiPredicate<String, String> NATIVE_ONLY =
            (from, to) -> !from.startsWith("1.2.840.10008.1.2.4") && !to.startsWith("1.2.840.10008.1.2.4");

    private static StoredInstance instance(String sop, String ts) {
        return new StoredInstance(new InstanceIdentifier("1.2", "1.2.3", sop), "1.2.840.10008.5.1.4.1.1.7", ts,
                "0".repeat(32), "k", "m", 10, 1, null, List.of());
    }

    private static InstanceMediaNegotiator.Choice negotiate(String accept, boolean single, StoredInstance... instances) {
        return InstanceMediaNegotiator.negotiate(Accept.parse(accept), single, List.of(instances), NATIVE_ONLY);
    }

    @Test
    void defaultIsMultipartExplicitLittleEndian() {
        var choice = negotiate(null, false, instance("1.1", EXPLICIT_LE), instance("1.2", IMPLICIT_LE));
        assertTrue(choice.multipart());
        assertEquals(List.of(EXPLICIT_LE, EXPLICIT_LE), choice.transferSyntaxes());
        assertEquals(List.of(false, true), choice.transcode());
    }

    @Test
    void wildcardTransferSyntaxReturnsAsStored() {
        var choice = negotiate("multipart/related; type=\"application/dicom\"; transfer-syntax=*", false,
                instance("1.1", JPEG), instance("1.2", IMPLICIT_LE));
        assertEquals(List.of(JPEG, IMPLICIT_LE), choice.transferSyntaxes());
        assertEquals(List.of(false, false), choice.transcode());
    }

    @Test
    void compressedInstanceWithDefaultSyntaxIsNotAcceptable() {
        NotAcceptableException e = assertThrows(NotAcceptableException.class, () -> negotiate("*/*", false, instance("1.9", JPEG)));
        assertTrue(e.getMessage().contains("1.9"), e.getMessage());
    }

    @Test
    void singlePartOnlyForAnInstance() {
        assertFalse(negotiate("application/dicom; transfer-syntax=*", true, instance("1.1", JPEG)).multipart());
        assertThrows(NotAcceptableException.class, () -> negotiate("application/dicom", false, instance("1.1", EXPLICIT_LE)));
        assertThrows(NotAcceptableException.class, () -> negotiate("application/json", true, instance("1.1", EXPLICIT_LE)));
        assertThrows(NotAcceptableException.class,
                () -> negotiate("multipart/related; type=\"application/octet-stream\"", true, instance("1.1", EXPLICIT_LE)));
    }

    @Test
    void laterRangesServeInstancesTheFirstCannot() {
        var choice = negotiate("multipart/related; type=\"application/dicom\", "
                + "multipart/related; type=\"application/dicom\"; transfer-syntax=*; q=0.5", false,
                instance("1.1", EXPLICIT_LE), instance("1.2", JPEG));
        assertEquals(List.of(EXPLICIT_LE, JPEG), choice.transferSyntaxes());
    }
}
