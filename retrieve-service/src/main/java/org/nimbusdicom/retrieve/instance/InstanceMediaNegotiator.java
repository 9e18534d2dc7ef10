package org.nimbusdicom.retrieve.instance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import org.nimbusdicom.common.data.TransferSyntax;
import org.nimbusdicom.common.error.NotAcceptableException;
import org.nimbusdicom.common.mime.MediaTypes;
import org.nimbusdicom.common.mime.MediaTypes.MediaType;
import org.nimbusdicom.common.model.DicomUid;
import org.nimbusdicom.retrieve.media.Accept;

/**
 * Content negotiation of instance retrieval (PS3.18 §8.7.3, §10.4.1): which framing
 * (multipart/related or, for one instance, a single application/dicom body) and, per instance,
 * which transfer syntax. Accepted:
 * <ul>
 *   <li>{@code multipart/related; type="application/dicom"[; transfer-syntax=uid|*]}</li>
 *   <li>{@code application/dicom[; transfer-syntax=uid|*]} for a single instance</li>
 *   <li>{@code * / *}, {@code multipart/related} without type: multipart application/dicom</li>
 * </ul>
 * Without a transfer-syntax parameter the PS3.18 default, Explicit VR Little Endian, is meant;
 * {@code *} means as stored. An instance stored in another syntax is transcoded when the codec
 * can (native to native), else none of the acceptable syntaxes can be produced and the answer
 * is 406 naming the instance.
 */
public final class InstanceMediaNegotiator {

    /** The outcome: framing and, aligned with the instances, target syntaxes. */
    public record Choice(boolean multipart, List<String> transferSyntaxes, List<Boolean> transcode) {
    }

    private record Candidate(boolean multipart, String transferSyntax) {
    }

    private InstanceMediaNegotiator() {
    }

    /**
     * @param accept the Accept ranges, best first
     * @param singleInstance whether the request addresses one instance (single-part allowed)
     * @param canTranscode (stored syntax, target syntax) → whether the codec converts between them
     */
    public static Choice negotiate(List<MediaType> accept, boolean singleInstance, List<StoredInstance> instances,
            BiPredicate<String, String> canTranscode) {
        List<Candidate> candidates = new ArrayList<>();
        for (MediaType range : accept) {
            if (Accept.isAny(range)) {
                candidates.add(new Candidate(true, requested(Accept.transferSyntax(range, null))));
            } else if (Accept.isMultipart(range)) {
                MediaType part = Accept.partType(range);
                if (part == null || part.matches(MediaTypes.APPLICATION_DICOM)) {
                    candidates.add(new Candidate(true, requested(Accept.transferSyntax(range, part))));
                }
            } else if (singleInstance && range.matches(MediaTypes.APPLICATION_DICOM)) {
                candidates.add(new Candidate(false, requested(Accept.transferSyntax(range, null))));
            }
        }
        if (candidates.isEmpty()) {
            throw new NotAcceptableException("none of the accepted media types can be produced; "
                    + (singleInstance ? "an instance is" : "studies and series are")
                    + " retrieved as multipart/related; type=\"application/dicom\""
                    + (singleInstance ? " or application/dicom" : "")
                    + " with an optional transfer-syntax parameter (a UID or *)");
        }
        boolean multipart = candidates.get(0).multipart();
        List<Candidate> sameFraming = candidates.stream().filter(c -> c.multipart() == multipart).toList();
        List<String> syntaxes = new ArrayList<>(instances.size());
        List<Boolean> transcode = new ArrayList<>(instances.size());
        for (StoredInstance instance : instances) {
            String stored = instance.transferSyntaxUid();
            String chosen = null;
            boolean convert = false;
            for (Candidate candidate : sameFraming) {
                String target = candidate.transferSyntax();
                if (Accept.ANY_TRANSFER_SYNTAX.equals(target) || target.equals(stored)) {
                    chosen = stored;
                    break;
                }
                if (DicomUid.isValid(target) && canTranscode.test(stored, target)) {
                    chosen = target;
                    convert = true;
                    break;
                }
            }
            if (chosen == null) {
                Set<String> asked = new LinkedHashSet<>();
                sameFraming.forEach(c -> asked.add(c.transferSyntax()));
                throw new NotAcceptableException("instance " + instance.sopInstanceUid() + " is stored as "
                        + describe(stored) + " and cannot be delivered in the requested transfer syntax "
                        + String.join(", ", asked) + "; request transfer-syntax=* to receive it as stored");
            }
            syntaxes.add(chosen);
            transcode.add(convert);
        }
        return new Choice(multipart, syntaxes, transcode);
    }

    private static String requested(String transferSyntax) {
        return transferSyntax == null || transferSyntax.isEmpty() ? Accept.DEFAULT_TRANSFER_SYNTAX : transferSyntax;
    }

    private static String describe(String uid) {
        try {
            TransferSyntax ts = TransferSyntax.of(uid);
            return ts.name().equals(uid) ? uid : ts.name() + " (" + uid + ")";
        } catch (IllegalArgumentException e) {
            return uid;
        }
    }
}
