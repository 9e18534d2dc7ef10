package org.nimbusdicom.common.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.model.ByteRange;

class EventCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void storedEventIsAVersionedCloudEventAndRoundTrips() throws Exception {
        ObjectNode attributes = JSON.createObjectNode();
        attributes.putObject("00100020").put("vr", "LO").putArray("Value").add("ID1");
        PixelDataDescriptor pixels = new PixelDataDescriptor(1000, 200, false, 100L, 2, null);
        InstanceStoredEvent stored = new InstanceStoredEvent("1.2", "1.2.3", "1.2.3.4", "1.2.840.10008.5.1.4.1.1.7",
                "1.2.840.10008.1.2.1", "0123456789abcdef0123456789abcdef", "k.dcm", "k.json", 1200, 2, pixels,
                List.of(new BulkDataLocation("00420011", 50, 2000)), attributes, "2026-11-25T00:00:00Z");

        byte[] wire = EventCodec.encodeStored(stored, "/nimbus/store-service");
        JsonNode tree = JSON.readTree(wire);
        assertEquals("1.0", tree.get("specversion").asText());
        assertEquals(EventTypes.INSTANCE_STORED, tree.get("type").asText());
        assertEquals("studies/1.2/series/1.2.3/instances/1.2.3.4", tree.get("subject").asText());
        assertFalse(tree.get("data").has("pixelData") && tree.get("data").get("pixelData").has("frames"),
                "native pixel data carries no per-frame table");

        CloudEvent decoded = EventCodec.decode(wire);
        assertFalse(EventCodec.isDeleted(decoded));
        assertEquals(stored, EventCodec.storedData(decoded));
    }

    @Test
    void deletedEventTypeFollowsTheLevel() {
        InstancesDeletedEvent deleted = new InstancesDeletedEvent(DeletionLevel.SERIES, "1.2", "1.2.3", null,
                List.of(new DeletedInstance("1.2.3", "1.2.3.4", "0123456789abcdef0123456789abcdef", "a.dcm", "a.json")),
                "2026-11-25T00:00:00Z");
        CloudEvent event = EventCodec.decode(EventCodec.encodeDeleted(deleted, "/nimbus/delete-service"));
        assertEquals(EventTypes.SERIES_DELETED, event.type());
        assertEquals("studies/1.2/series/1.2.3", event.subject());
        assertTrue(EventCodec.isDeleted(event));
        assertEquals("series", event.data().get("level").asText());
        assertEquals(deleted, EventCodec.deletedData(event));
    }

    @Test
    void metadataKeysAreReadWithoutDecodingTheEvent() {
        ObjectNode attributes = JSON.createObjectNode();
        // a nested metadataKey inside the attributes must not be mistaken for the event's
        attributes.putObject("00081199").put("vr", "SQ").putArray("Value").addObject().put("metadataKey", "decoy");
        InstanceStoredEvent stored = new InstanceStoredEvent("1.2", "1.2.3", "1.2.3.4", "1.2.840.10008.5.1.4.1.1.7",
                "1.2.840.10008.1.2.1", "0123456789abcdef0123456789abcdef", "k.dcm", "k.json", 1200, 1, null, null,
                attributes, "2026-11-25T00:00:00Z");
        assertEquals(new MetadataKeys(MetadataKeys.Kind.STORED, List.of("k.json")),
                EventCodec.metadataKeys(EventCodec.encodeStored(stored, "/nimbus/store-service")));

        InstancesDeletedEvent deleted = new InstancesDeletedEvent(DeletionLevel.STUDY, "1.2", null, null, List.of(
                new DeletedInstance("1.2.3", "1.2.3.4", "s1", "a.dcm", "a.json"),
                new DeletedInstance("1.2.5", "1.2.5.6", "s2", "b.dcm", "b.json")), "2026-11-25T00:00:00Z");
        assertEquals(new MetadataKeys(MetadataKeys.Kind.DELETED, List.of("a.json", "b.json")),
                EventCodec.metadataKeys(EventCodec.encodeDeleted(deleted, "/nimbus/delete-service")));

        assertEquals(MetadataKeys.Kind.OTHER, EventCodec.metadataKeys(
                "{\"type\":\"com.example.v1\",\"data\":{\"metadataKey\":\"x\"}}".getBytes(StandardCharsets.UTF_8)).kind());
        assertThrows(MalformedEventException.class, () -> EventCodec.metadataKeys("nope".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class, () -> EventCodec.metadataKeys("[1]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void garbageIsAMalformedEvent() {
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("nope".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class,
                () -> EventCodec.decode("{\"specversion\":\"1.0\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nativeFramesAreDerivedFromTheFrameLength() {
        PixelDataDescriptor pixels = new PixelDataDescriptor(1000, 300, false, 100L, 3, null);
        assertEquals(List.of(new ByteRange(1000, 100)), pixels.frame(1));
        assertEquals(List.of(new ByteRange(1200, 100)), pixels.frame(3));
        assertNull(pixels.frame(0));
        assertNull(pixels.frame(4));
    }

    @Test
    void encapsulatedFramesComeFromTheTable() {
        List<List<ByteRange>> frames = List.of(
                List.of(new ByteRange(10, 5), new ByteRange(23, 7)),
                List.of(new ByteRange(38, 4)));
        PixelDataDescriptor pixels = new PixelDataDescriptor(0, 50, true, null, 2, frames);
        assertEquals(2, pixels.frame(1).size());
        assertEquals(new ByteRange(38, 4), pixels.frame(2).get(0));
        assertNull(pixels.frame(3));
    }

    @Test
    void truncatedNativePixelDataHasNoFrameBeyondTheValue() {
        PixelDataDescriptor pixels = new PixelDataDescriptor(0, 150, false, 100L, 2, null);
        assertEquals(1, pixels.frame(1).size());
        assertNull(pixels.frame(2));
    }
}
