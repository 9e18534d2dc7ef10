package org.nimbusdicom.retrieve.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.model.ByteRange;

class DicomBlobStoreTest {

    @Test
    void fragmentsSeparatedByItemHeadersCoalesceIntoOneRead() {
        List<ByteRange> fragments = List.of(new ByteRange(100, 50), new ByteRange(158, 20), new ByteRange(186, 4));
        assertEquals(List.of(fragments), DicomBlobStore.coalesce(fragments, 8));
    }

    @Test
    void distantOrBackwardRangesStaySeparateAndEmptyOnesVanish() {
        ByteRange a = new ByteRange(0, 10);
        ByteRange b = new ByteRange(100, 10);
        ByteRange back = new ByteRange(50, 5);
        assertEquals(List.of(List.of(a), List.of(b), List.of(back)),
                DicomBlobStore.coalesce(List.of(a, new ByteRange(20, 0), b, back), 8));
    }
}
