package org.nimbusdicom.retrieve.frame;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nimbusdicom.common.data.TransferSyntax;
import org.nimbusdicom.common.error.DicomWebException;
import org.nimbusdicom.common.error.ResourceNotFoundException;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.model.ByteRange;
import org.nimbusdicom.retrieve.config.RetrieveConfig;
import org.nimbusdicom.retrieve.instance.InstanceResolver;
import org.nimbusdicom.retrieve.instance.StoredInstance;
import org.nimbusdicom.retrieve.media.Accept;
import org.nimbusdicom.retrieve.media.RetrieveBody;

/**
 * WADO-RS frames (PS3.18 §10.4.1.1.3): the requested frames of an instance, each read from S3
 * with ranged GETs at the offsets the frame table (computed at STOW time, kept in the index)
 * gives — the instance is never downloaded whole. Native frames are the exact frame bytes;
 * encapsulated frames are their fragments concatenated, labelled with the compressed media type.
 */
@ApplicationScoped
public class FrameRetrieveService {

    private final InstanceResolver resolver;
    private final RangedPartsWriter partsWriter;
    private final RetrieveConfig config;

    public FrameRetrieveService(InstanceResolver resolver, RangedPartsWriter partsWriter, RetrieveConfig config) {
        this.resolver = resolver;
        this.partsWriter = partsWriter;
        this.config = config;
    }

    /** Retrieves frames {@code frameList} (e.g. {@code 1,3,5}) of an instance. */
    public RetrieveBody frames(String study, String series, String instance, String frameList, String acceptHeader,
            String publicBase, boolean headOnly) {
        InstanceResolver.validate(study, series, instance);
        List<Integer> frameNumbers = FrameList.parse(frameList, config.limits().maxFramesPerRequest());
        var accept = Accept.parse(acceptHeader);
        StoredInstance stored = resolver.resolveInstance(study, series, instance);
        PixelDataDescriptor pixelData = stored.pixelData();
        if (pixelData == null || pixelData.numberOfFrames() < 1) {
            if (stored.numberOfFrames() != null && stored.numberOfFrames() > 0) {
                // pixel data exists but its offsets are not file offsets (deflated storage)
                throw new DicomWebException(501, "frames of instance " + instance + " cannot be located by byte range: "
                        + "it is stored in " + stored.transferSyntaxUid() + " without a frame table; retrieve the instance");
            }
            throw new ResourceNotFoundException("instance " + instance + " has no pixel data, so no frames");
        }
        for (int frame : frameNumbers) {
            if (frame > pixelData.numberOfFrames()) {
                throw new ResourceNotFoundException("frame " + frame + " does not exist: instance " + instance + " has "
                        + pixelData.numberOfFrames() + (pixelData.numberOfFrames() == 1 ? " frame" : " frames"));
            }
        }
        FrameMediaNegotiator.Choice choice = FrameMediaNegotiator.negotiate(
                accept, stored.transferSyntaxUid(), pixelData.encapsulated(), frameNumbers.size() == 1);
        String base = publicBase + stored.identifier().path() + "/frames/";
        List<RangedPartsWriter.Part> parts = new ArrayList<>(frameNumbers.size());
        for (int frame : frameNumbers) {
            parts.add(new RangedPartsWriter.Part(frameRanges(stored, pixelData, frame), base + frame));
        }
        if (!choice.multipart()) {
            return partsWriter.single(stored.blobKey(), parts.get(0), choice.partContentType(), 200, Map.of(), headOnly);
        }
        return partsWriter.multipart(stored.blobKey(), parts, choice.partMediaType(), choice.partContentType(), headOnly);
    }

    /** The blob ranges of one frame, or an error saying why frames of this instance cannot be served. */
    static List<ByteRange> frameRanges(StoredInstance stored, PixelDataDescriptor pixelData, int frame) {
        List<ByteRange> ranges = pixelData.frame(frame);
        if (ranges == null) {
            String ts = stored.transferSyntaxUid();
            boolean deflated = TransferSyntax.isUncompressed(ts) && TransferSyntax.of(ts).deflated();
            throw new DicomWebException(501, "frame " + frame + " of instance " + stored.sopInstanceUid()
                    + " cannot be located by byte range: " + (deflated
                            ? "the instance is stored deflated"
                            : "its frame table is unknown (pixel data geometry was not computable at store time)"));
        }
        return ranges;
    }
}
