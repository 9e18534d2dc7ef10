package org.nimbusdicom.common.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes and reads the CloudEvents JSON of the ingestion topic. The one place that knows the
 * wire form; producers and consumers use only this class and the typed payload records.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EventCodec() {
    }

    /** Serializes a stored event as a CloudEvent (UTF-8 JSON bytes). */
    public static byte[] encodeStored(InstanceStoredEvent data, String source) {
        String subject = "studies/" + data.studyInstanceUid() + "/series/" + data.seriesInstanceUid()
                + "/instances/" + data.sopInstanceUid();
        return encode(EventTypes.INSTANCE_STORED, subject, data, source);
    }

    /** Serializes a deleted event as a CloudEvent (UTF-8 JSON bytes). */
    public static byte[] encodeDeleted(InstancesDeletedEvent data, String source) {
        StringBuilder subject = new StringBuilder("studies/").append(data.studyInstanceUid());
        if (data.seriesInstanceUid() != null) {
            subject.append("/series/").append(data.seriesInstanceUid());
        }
        if (data.sopInstanceUid() != null) {
            subject.append("/instances/").append(data.sopInstanceUid());
        }
        return encode(EventTypes.deletedType(data.level()), subject.toString(), data, source);
    }

    private static byte[] encode(String type, String subject, Object data, String source) {
        CloudEvent event = new CloudEvent("1.0", UUID.randomUUID().toString(), source, type, subject,
                Instant.now().toString(), "application/json", EventTypes.SCHEMA_V1, MAPPER.valueToTree(data));
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize event " + type, e);
        }
    }

    /**
     * Parses a CloudEvent envelope.
     *
     * @throws MalformedEventException when the bytes are not a CloudEvent with a type and data
     */
    public static CloudEvent decode(byte[] value) {
        try {
            CloudEvent event = MAPPER.readValue(value, CloudEvent.class);
            if (event.type() == null || event.data() == null) {
                throw new MalformedEventException("CloudEvent without type or data");
            }
            return event;
        } catch (IOException e) {
            throw new MalformedEventException("not a CloudEvent: " + e.getMessage(), e);
        }
    }

    /** The typed payload of a stored event. */
    public static InstanceStoredEvent storedData(CloudEvent event) {
        return convert(event.data(), InstanceStoredEvent.class);
    }

    /** The typed payload of a deleted event (any level). */
    public static InstancesDeletedEvent deletedData(CloudEvent event) {
        return convert(event.data(), InstancesDeletedEvent.class);
    }

    /** True when the event type is one of the deleted types. */
    public static boolean isDeleted(CloudEvent event) {
        return isDeletedType(event.type());
    }

    private static boolean isDeletedType(String type) {
        return EventTypes.INSTANCE_DELETED.equals(type) || EventTypes.SERIES_DELETED.equals(type)
                || EventTypes.STUDY_DELETED.equals(type);
    }

    private static <T> T convert(JsonNode data, Class<T> type) {
        try {
            return MAPPER.treeToValue(data, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("malformed " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The metadata object keys of an event, read with a streaming parser that skips everything
     * else (the index attributes are most of a stored event). An order of magnitude cheaper than
     * {@link #decode} for consumers that need only the keys.
     *
     * @throws MalformedEventException when the bytes are not a JSON object
     */
    public static MetadataKeys metadataKeys(byte[] value) {
        String type = null;
        List<String> keys = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEventException("not a CloudEvent: no JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("type".equals(field) && token == JsonToken.VALUE_STRING) {
                    type = parser.getText();
                } else if ("data".equals(field) && token == JsonToken.START_OBJECT) {
                    collectMetadataKeys(parser, keys);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new MalformedEventException("not a CloudEvent: " + e.getMessage(), e);
        }
        MetadataKeys.Kind kind = EventTypes.INSTANCE_STORED.equals(type) ? MetadataKeys.Kind.STORED
                : isDeletedType(type) ? MetadataKeys.Kind.DELETED : MetadataKeys.Kind.OTHER;
        return new MetadataKeys(kind, kind == MetadataKeys.Kind.OTHER ? List.of() : List.copyOf(keys));
    }

    /**
     * The metadataKey of the object the parser is on (at its START_OBJECT): data of a stored
     * event; for a deleted event, data.instances[] are such objects too.
     */
    private static void collectMetadataKeys(JsonParser parser, List<String> keys) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("metadataKey".equals(field) && token == JsonToken.VALUE_STRING) {
                keys.add(parser.getText());
            } else if ("instances".equals(field) && token == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    collectMetadataKeys(parser, keys);
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    /** Debug form of an event for logs (UTF-8 JSON). */
    public static String toJson(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
