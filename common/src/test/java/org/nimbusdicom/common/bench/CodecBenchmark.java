package org.nimbusdicom.common.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.data.UID;
import org.nimbusdicom.common.data.VR;
import org.nimbusdicom.common.io.DicomOutputStream;
import org.nimbusdicom.common.io.InstanceScanner;
import org.nimbusdicom.common.io.ScanOptions;
import org.nimbusdicom.common.io.ScannedInstance;
import org.nimbusdicom.common.io.Transcoder;
import org.nimbusdicom.common.json.DicomJsonWriter;

/**
 * Codec benchmark (a plain main with warm-up; not run by surefire). Run from {@code common/}:
 * <pre>java -cp target/classes:target/test-classes:&lt;jackson jars&gt; org.nimbusdicom.common.bench.CodecBenchmark [frames]</pre>
 * Measures (1) parse-to-JSON throughput over the corpus held in memory, (2) header + metadata
 * extraction ({@link InstanceScanner} + JSON) of a synthetic multi-frame file of {@code frames}
 * 512x512x16-bit frames (default 1000 = 524 MB) read from disk, (3) streaming pass-through
 * ({@link Transcoder}) of that file to explicit VR big endian (byte-swapping) and to implicit VR LE.
 */
public final class CodecBenchmark {

    private CodecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        corpusParseToJson();
        Path big = Files.createTempFile("nimbus-bench-", ".dcm");
        try {
            writeSyntheticMultiFrame(big, frames);
            long size = Files.size(big);
            System.out.printf("synthetic file: %d frames, %.1f MB%n", frames, size / 1e6);
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                ScannedInstance s;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(big), 1 << 16)) {
                    s = InstanceScanner.scan(in, ScanOptions.defaults());
                }
                byte[] json = DicomJsonWriter.toJsonBytes(s.dataset(), p -> "/bulk/" + p);
                long t1 = System.nanoTime();
                System.out.printf("header+metadata extraction: %.1f ms (%d frames located, %d JSON bytes)%n",
                        (t1 - t0) / 1e6, s.pixelData().numberOfFrames(), json.length);
            }
            for (String target : List.of(UID.ExplicitVRBigEndian, UID.ImplicitVRLittleEndian)) {
                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    try (InputStream in = Files.newInputStream(big)) {
                        Transcoder.transcode(in, OutputStream.nullOutputStream(), target);
                    }
                    long t1 = System.nanoTime();
                    System.out.printf("pass-through to %s: %.0f MB/s%n", UID.nameOf(target), size / 1e6 / ((t1 - t0) / 1e9));
                }
            }
        } finally {
            Files.deleteIfExists(big);
        }
    }

    private static void corpusParseToJson() throws IOException {
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/corpus/files"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.getFileName().toString().startsWith("trunc_") && !p.getFileName().toString().contains("truncated")
                        && !p.getFileName().toString().equals("not_dicom.dcm")) {
                    files.add(Files.readAllBytes(p));
                }
            }
        }
        for (Path p : List.of(Path.of("src/test/resources/seed/blue-circle.dcm"))) {
            files.add(Files.readAllBytes(p));
        }
        long bytes = 0;
        for (byte[] f : files) {
            bytes += f.length;
        }
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            int iterations = 40;
            long jsonBytes = 0;
            for (int it = 0; it < iterations; it++) {
                for (byte[] f : files) {
                    ScannedInstance s = InstanceScanner.scan(new ByteArrayInputStream(f), ScanOptions.defaults());
                    jsonBytes += DicomJsonWriter.toJsonBytes(s.dataset(), p -> "/bulk/" + p).length;
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (round >= 3) {
                System.out.printf("corpus parse-to-JSON: %.0f MB/s of DICOM, %.0f files/s (%.0f MB/s of JSON)%n",
                        bytes * iterations / 1e6 / secs, files.size() * iterations / secs, jsonBytes / 1e6 / secs);
            }
        }
    }

    /** An explicit VR LE multi-frame MR-like file, written by streaming zeros as pixel data. */
    static void writeSyntheticMultiFrame(Path file, int frames) throws IOException {
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.EnhancedMRImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1492.9.1");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1492.9.2");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1492.9.3");
        ds.setString(Tag.PatientName, VR.PN, "Bench^Mark");
        ds.setString(Tag.Modality, VR.CS, "MR");
        ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, 512);
        ds.setInt(Tag.Columns, VR.US, 512);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        List<Attributes> perFrame = ds.newSequence(Tag.PerFrameFunctionalGroupsSequence);
        for (int f = 0; f < frames; f++) {
            Attributes item = new Attributes();
            item.newSequence(Tag.PlanePositionSequence).add(new Attributes()
                    .setString(Tag.ImagePositionPatient, VR.DS, "0", "0", Integer.toString(f)));
            perFrame.add(item);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            DicomOutputStream dos = new DicomOutputStream(out);
            dos.writeFileMetaInformation(null, DicomOutputStream.createFileMetaInformation(
                    UID.EnhancedMRImageStorage, "1.2.826.0.1.3680043.10.1492.9.1", UID.ExplicitVRLittleEndian));
            dos.writeDataset(ds);
            long frameLength = 512L * 512 * 2;
            dos.writeHeader(Tag.PixelData, VR.OW, frameLength * frames);
            byte[] frame = new byte[(int) frameLength];
            for (int f = 0; f < frames; f++) {
                frame[f % frame.length] = (byte) f;
                dos.valueStream().write(frame);
            }
            dos.finish();
        }
    }
}
