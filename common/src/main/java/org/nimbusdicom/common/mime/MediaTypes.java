package org.nimbusdicom.common.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DICOMweb media types and a strict RFC 9110 parser for {@code Content-Type} and {@code Accept}
 * values, including quoted parameters such as {@code type="application/dicom"} and
 * {@code transfer-syntax=1.2.840.10008.1.2.1}.
 */
public final class MediaTypes {

    /** A DICOM Part 10 file. */
    public static final String APPLICATION_DICOM = "application/dicom";
    /** DICOM JSON (PS3.18 Annex F). */
    public static final String APPLICATION_DICOM_JSON = "application/dicom+json";
    /** Native DICOM XML (PS3.19). */
    public static final String APPLICATION_DICOM_XML = "application/dicom+xml";
    /** Uncompressed bulk data and frames. */
    public static final String APPLICATION_OCTET_STREAM = "application/octet-stream";
    /** Plain JSON. */
    public static final String APPLICATION_JSON = "application/json";
    /** The container of multi-part DICOMweb payloads (RFC 2387). */
    public static final String MULTIPART_RELATED = "multipart/related";
    /** The {@code type} parameter of multipart/related: the media type of the root part. */
    public static final String PARAM_TYPE = "type";
    /** The {@code boundary} parameter of multipart types. */
    public static final String PARAM_BOUNDARY = "boundary";
    /** The {@code start} parameter of multipart/related: Content-ID of the root part. */
    public static final String PARAM_START = "start";
    /** The DICOMweb {@code transfer-syntax} parameter. */
    public static final String PARAM_TRANSFER_SYNTAX = "transfer-syntax";
    /** The quality parameter of Accept entries. */
    public static final String PARAM_Q = "q";

    private MediaTypes() {
    }

    /**
     * A parsed media type: lower-case {@code type/subtype} and its parameters (names lower-case,
     * values unquoted with their case kept).
     */
    public record MediaType(String type, String subtype, Map<String, String> parameters) {

        public MediaType {
            type = type.toLowerCase(Locale.ROOT);
            subtype = subtype.toLowerCase(Locale.ROOT);
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /** {@code type/subtype} without parameters, lower case. */
        public String essence() {
            return type + "/" + subtype;
        }

        /** A parameter value (name case-insensitive), or {@code null}. */
        public String parameter(String name) {
            return parameters.get(name.toLowerCase(Locale.ROOT));
        }

        /** True when {@code type/subtype} equals {@code essence}, ignoring case and parameters. */
        public boolean is(String essence) {
            return essence().equalsIgnoreCase(essence);
        }

        /** True for a wildcard type or subtype ({@code *}/{@code *} or {@code type/*}). */
        public boolean isWildcard() {
            return "*".equals(type) || "*".equals(subtype);
        }

        /** True when this (possibly wildcard) range matches the concrete {@code essence}. */
        public boolean matches(String essence) {
            int slash = essence.indexOf('/');
            String t = essence.substring(0, slash).toLowerCase(Locale.ROOT);
            String s = essence.substring(slash + 1).toLowerCase(Locale.ROOT);
            return ("*".equals(type) || type.equals(t)) && ("*".equals(subtype) || subtype.equals(s));
        }

        /** The quality of an Accept entry ({@code q}, default 1.0; 0 when unparsable). */
        public double quality() {
            String q = parameter(PARAM_Q);
            if (q == null) {
                return 1.0;
            }
            try {
                double value = Double.parseDouble(q);
                return value < 0 || value > 1 ? 0 : value;
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        /** Header form: {@code type/subtype} followed by the parameters, quoted where needed. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(essence());
            parameters.forEach((name, value) -> sb.append("; ").append(name).append('=').append(quoteIfNeeded(value)));
            return sb.toString();
        }
    }

    /**
     * Parses one media type such as a {@code Content-Type} value.
     *
     * @throws IllegalArgumentException when the value is not {@code type/subtype *(; name=value)}
     */
    public static MediaType parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("missing media type");
        }
        Parser parser = new Parser(value);
        MediaType type = parser.mediaType();
        parser.skipWhitespace();
        if (!parser.atEnd()) {
            throw new IllegalArgumentException("unexpected '" + parser.peek() + "' in media type: " + value);
        }
        return type;
    }

    /**
     * Parses an {@code Accept} header into its media ranges, ordered by decreasing quality
     * (stable for equal qualities). A missing or blank header yields {@code * / *}.
     *
     * @throws IllegalArgumentException when an entry is malformed
     */
    public static List<MediaType> parseAccept(String value) {
        List<MediaType> ranges = new ArrayList<>();
        if (value == null || value.isBlank()) {
            ranges.add(new MediaType("*", "*", Map.of()));
            return ranges;
        }
        Parser parser = new Parser(value);
        while (true) {
            parser.skipWhitespace();
            if (parser.atEnd()) {
                break;
            }
            if (parser.peek() == ',') {
                parser.pos++;
                continue;
            }
            ranges.add(parser.mediaType());
            parser.skipWhitespace();
            if (!parser.atEnd()) {
                if (parser.peek() != ',') {
                    throw new IllegalArgumentException("unexpected '" + parser.peek() + "' in Accept: " + value);
                }
                parser.pos++;
            }
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("empty Accept header");
        }
        List<MediaType> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Double.compare(b.quality(), a.quality()));
        return sorted;
    }

    /** Builds {@code multipart/related; type="<rootType>"; boundary=<boundary>}. */
    public static String multipartRelated(String rootType, String boundary) {
        return MULTIPART_RELATED + "; " + PARAM_TYPE + "=\"" + rootType + "\"; " + PARAM_BOUNDARY + "="
                + quoteIfNeeded(boundary);
    }

    /** Returns {@code value} as an RFC 9110 token when possible, else as a quoted string. */
    public static String quoteIfNeeded(String value) {
        if (!value.isEmpty() && value.chars().allMatch(MediaTypes::isTokenChar)) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /** Recursive-descent parser over one header value. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void skipWhitespace() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                pos++;
            }
        }

        String token(String what) {
            int start = pos;
            while (!atEnd() && isTokenChar(peek())) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("missing " + what + " at position " + start + " of: " + s);
            }
            return s.substring(start, pos);
        }

        /**
         * An unquoted parameter value. Lenient: clients commonly send {@code type=application/dicom}
         * unquoted although '/' is not a token character, so anything up to ';', ',' or
         * whitespace is accepted.
         */
        String lenientValue(String name) {
            int start = pos;
            while (!atEnd() && peek() > 0x20 && peek() < 0x7F && ";,\"".indexOf(peek()) < 0) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("missing value of parameter '" + name + "' in: " + s);
            }
            return s.substring(start, pos);
        }

        String quoted() {
            StringBuilder sb = new StringBuilder();
            pos++; // opening quote
            while (true) {
                if (atEnd()) {
                    throw new IllegalArgumentException("unterminated quoted string in: " + s);
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        throw new IllegalArgumentException("unterminated quoted string in: " + s);
                    }
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
        }

        MediaType mediaType() {
            skipWhitespace();
            String type = token("type");
            if (atEnd() || peek() != '/') {
                throw new IllegalArgumentException("missing '/' in media type: " + s);
            }
            pos++;
            String subtype = token("subtype");
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                skipWhitespace();
                if (atEnd() || peek() != ';') {
                    break;
                }
                pos++;
                skipWhitespace();
                if (atEnd() || peek() == ',' || peek() == ';') {
                    continue; // tolerate empty parameters ("a/b;")
                }
                String name = token("parameter name").toLowerCase(Locale.ROOT);
                skipWhitespace();
                if (atEnd() || peek() != '=') {
                    throw new IllegalArgumentException("parameter '" + name + "' without value in: " + s);
                }
                pos++;
                skipWhitespace();
                String value = !atEnd() && peek() == '"' ? quoted() : lenientValue(name);
                params.putIfAbsent(name, value);
            }
            return new MediaType(type, subtype, params);
        }
    }
}
