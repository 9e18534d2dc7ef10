package org.nimbusdicom.common.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nimbusdicom.common.io.DicomParseException;
import org.nimbusdicom.common.io.InstanceScanner;
import org.nimbusdicom.common.io.ScanOptions;
import org.nimbusdicom.common.io.ScannedInstance;
import org.nimbusdicom.common.json.DicomJsonWriter;

/**
 * Prints the DICOM JSON (PS3.18 Annex F) of a file, for comparing with {@code dcm2json} or
 * pydicom by hand. Binary values over 1024 bytes and pixel data appear as
 * {@code "BulkDataURI":"bulk://<tag path>"}; the file meta group is not printed.
 *
 * <pre>java -cp nimbus-common.jar:jackson-core.jar:jackson-databind.jar:jackson-annotations.jar \
 *     org.nimbusdicom.common.cli.DicomToJson [--pretty] file.dcm</pre>
 * Exit status 0 on success, 1 for unreadable DICOM (message on stderr), 2 for usage errors.
 */
public final class DicomToJson {

    private DicomToJson() {
    }

    public static void main(String[] args) throws Exception {
        boolean pretty = false;
        String file = null;
        for (String a : args) {
            if ("--pretty".equals(a)) {
                pretty = true;
            } else {
                file = a;
            }
        }
        if (file == null) {
            System.err.println("usage: DicomToJson [--pretty] file.dcm");
            System.exit(2);
            return;
        }
        ScannedInstance scanned;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16)) {
            scanned = InstanceScanner.scan(in, ScanOptions.defaults());
        } catch (DicomParseException e) {
            System.err.println(file + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        JsonGenerator gen = new JsonFactory().createGenerator(System.out, JsonEncoding.UTF8);
        if (pretty) {
            gen.useDefaultPrettyPrinter();
        }
        DicomJsonWriter.write(scanned.dataset(), gen, path -> "bulk://" + path);
        gen.flush();
        System.out.println();
    }
}
