package org.nimbusdicom.retrieve.bulkdata;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.nimbusdicom.common.data.TransferSyntax;
import org.nimbusdicom.common.error.DicomWebException;
import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.common.error.NotAcceptableException;
import org.nimbusdicom.common.error.ResourceNotFoundException;
import org.nimbusdicom.common.event.BulkDataLocation;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.mime.MediaTypes;
import org.nimbusdicom.common.mime.MediaTypes.MediaType;
import org.nimbusdicom.common.model.ByteRange;
import org.nimbusdicom.retrieve.frame.FrameMediaNegotiator;
import org.nimbusdicom.retrieve.frame.RangedPartsWriter;
import org.nimbusdicom.retrieve.instance.InstanceResolver;
import org.nimbusdicom.retrieve.instance.StoredInstance;
import org.nimbusdicom.retrieve.media.Accept;
import org.nimbusdicom.retrieve.media.RetrieveBody;

/**
 * WADO-RS bulk data (PS3.18 §10.4.1.1.5): the values the metadata references by BulkDataURI
 * ({@code .../bulkdata/7FE00010}, {@code .../bulkdata/00283010/0/00283006}), read with ranged GETs
 * from the locations recorded at STOW time. Pixel data: native → the whole value; encapsulated →
 * one part per frame in the compressed media type. A {@code Range} header selects part of a
 * single-part answer (206).
 */
@ApplicationScoped
public class BulkDataRetrieveService {

    private static final Pattern TAG_PATH = Pattern.compile("[0-9A-Fa-f]{8}(/[0-9]{1,6}/[0-9A-Fa-f]{8})*");
    private static final List<String> PIXEL_DATA_TAGS = List.of("7FE00010", "7FE00008", "7FE00009");

    private final InstanceResolver resolver;
    private final RangedPartsWriter partsWriter;

    public BulkDataRetrieveService(InstanceResolver resolver, RangedPartsWriter partsWriter) {
        this.resolver = resolver;
        this.partsWriter = partsWriter;
    }

    /** Retrieves the bulk data value at {@code tagPath} of an instance. */
    public RetrieveBody bulkData(String study, String series, String instance, String tagPath, String acceptHeader,
            String rangeHeader, String publicBase, boolean headOnly) {
        InstanceResolver.validate(study, series, instance);
        if (tagPath == null || !TAG_PATH.matcher(tagPath).matches()) {
            throw new InvalidRequestException("invalid bulk data path '" + shorten(tagPath)
                    + "' (expected a tag like 7FE00010 or a path like 00283010/0/00283006)");
        }
        String path = tagPath.toUpperCase(Locale.ROOT);
        List<MediaType> accept = Accept.parse(acceptHeader);
        StoredInstance stored = resolver.resolveInstance(study, series, instance);
        String location = publicBase + stored.identifier().path() + "/bulkdata/" + path;
        PixelDataDescriptor pixelData = stored.pixelData();
        ByteRange value = null;
        for (BulkDataLocation bulk : stored.bulkData()) {
            if (bulk.path().equalsIgnoreCase(path)) {
                value = new ByteRange(bulk.offset(), bulk.length());
                break;
            }
        }
        if (value == null && pixelData != null && PIXEL_DATA_TAGS.contains(path)) {
            if (pixelData.encapsulated()) {
                return encapsulatedPixelData(stored, pixelData, accept, location, headOnly);
            }
            value = new ByteRange(pixelData.valueOffset(), pixelData.valueLength());
        }
        if (value == null) {
            if (isDeflated(stored.transferSyntaxUid())) {
                // store-service keeps no value offsets for deflated instances: they are offsets in the inflated stream
                throw new DicomWebException(501, "bulk data of instance " + instance + " cannot be read by byte range: it is "
                        + "stored deflated (" + stored.transferSyntaxUid() + "); retrieve the instance");
            }
            throw new ResourceNotFoundException("bulk data " + path + " not found in instance " + instance);
        }
        boolean multipart = negotiateOctetStream(accept);
        if (multipart) {
            return partsWriter.multipart(stored.blobKey(), List.of(new RangedPartsWriter.Part(List.of(value), location)),
                    MediaTypes.APPLICATION_OCTET_STREAM, MediaTypes.APPLICATION_OCTET_STREAM, headOnly);
        }
        ByteRange selected;
        try {
            selected = HttpRange.resolve(rangeHeader, value.length());
        } catch (HttpRange.Unsatisfiable e) {
            throw new RangeNotSatisfiableException(e.getMessage(), value.length());
        }
        Map<String, String> headers = Map.of("Accept-Ranges", "bytes");
        if (selected == null) {
            return partsWriter.single(stored.blobKey(), new RangedPartsWriter.Part(List.of(value), location),
                    MediaTypes.APPLICATION_OCTET_STREAM, 200, headers, headOnly);
        }
        ByteRange inBlob = new ByteRange(value.offset() + selected.offset(), selected.length());
        return partsWriter.single(stored.blobKey(), new RangedPartsWriter.Part(List.of(inBlob), location),
                MediaTypes.APPLICATION_OCTET_STREAM, 206, Map.of("Accept-Ranges", "bytes", "Content-Range",
                        "bytes " + selected.offset() + "-" + selected.lastByte() + "/" + value.length()), headOnly);
    }

    private RetrieveBody encapsulatedPixelData(StoredInstance stored, PixelDataDescriptor pixelData, List<MediaType> accept,
            String location, boolean headOnly) {
        FrameMediaNegotiator.Choice choice = FrameMediaNegotiator.negotiate(accept, stored.transferSyntaxUid(), true, false);
        List<RangedPartsWriter.Part> parts = new ArrayList<>();
        for (int frame = 1; frame <= pixelData.numberOfFrames(); frame++) {
            List<ByteRange> ranges = pixelData.frame(frame);
            if (ranges == null) {
                throw new DicomWebException(501, "the frame table of instance " + stored.sopInstanceUid() + " is unknown");
            }
            String frameLocation = location.substring(0, location.lastIndexOf("/bulkdata/")) + "/frames/" + frame;
            parts.add(new RangedPartsWriter.Part(ranges, frameLocation));
        }
        return partsWriter.multipart(stored.blobKey(), parts, choice.partMediaType(), choice.partContentType(), headOnly);
    }

    /** True for multipart/related octet-stream (and * / *), false for a single application/octet-stream body. */
    private static boolean negotiateOctetStream(List<MediaType> accept) {
        for (MediaType range : accept) {
            if (Accept.isAny(range)) {
                return true;
            }
            if (Accept.isMultipart(range)) {
                MediaType part = Accept.partType(range);
                if (part == null || part.matches(MediaTypes.APPLICATION_OCTET_STREAM)) {
                    return true;
                }
            } else if (range.matches(MediaTypes.APPLICATION_OCTET_STREAM)) {
                return false;
            }
        }
        throw new NotAcceptableException("bulk data is available as multipart/related; type=\"application/octet-stream\" "
                + "or application/octet-stream");
    }

    private static boolean isDeflated(String transferSyntaxUid) {
        try {
            return transferSyntaxUid != null && TransferSyntax.of(transferSyntaxUid).deflated();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String shorten(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 57) + "...";
    }
}
