package org.nimbusdicom.common.query;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nimbusdicom.common.error.InvalidRequestException;

/**
 * A TM (time) matching value (PS3.4 C.2.2.2.5): a single time or an inclusive range
 * ({@code 080000-120000}, {@code 0800-}, {@code -12}). A value given with less precision than
 * microseconds covers the whole unit it names: {@code 10} is 10:00:00 to 10:59:59.999999, so the
 * single value {@code 1010} matches any time within that minute and the range {@code -1010}
 * includes 10:10:30.
 *
 * @param from first matching time, or {@code null} when open
 * @param to last matching time, or {@code null} when open
 */
public record TimeRange(LocalTime from, LocalTime to) {

    private static final Pattern TM = Pattern.compile("(\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:\\.(\\d{1,6}))?)?)?");

    /**
     * Parses a QIDO TM matching value.
     *
     * @throws InvalidRequestException when the value is not a time or a valid time range
     */
    public static TimeRange parse(String value, String parameter) {
        String v = value.trim();
        int dash = v.indexOf('-');
        if (dash < 0) {
            Parsed p = parseOrThrow(v, parameter, value);
            return new TimeRange(p.lower, p.upper());
        }
        if (v.indexOf('-', dash + 1) >= 0 || v.length() == 1) {
            throw invalid(parameter, value);
        }
        LocalTime from = dash == 0 ? null : parseOrThrow(v.substring(0, dash).trim(), parameter, value).lower;
        LocalTime to = dash == v.length() - 1 ? null : parseOrThrow(v.substring(dash + 1).trim(), parameter, value).upper();
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidRequestException(parameter + ": the range start is after its end: '"
                    + QueryValues.abbreviate(value) + "'");
        }
        return new TimeRange(from, to);
    }

    /**
     * Parses a stored TM value ({@code HH[MM[SS[.F{1,6}]]]}, or the ACR-NEMA form with colons).
     *
     * @return the time (missing components are zero), or {@code null} when empty or invalid
     */
    public static LocalTime parseStored(String value) {
        if (value == null) {
            return null;
        }
        Parsed p = parseTime(value.trim());
        return p == null ? null : p.lower;
    }

    private static Parsed parseOrThrow(String v, String parameter, String original) {
        Parsed p = parseTime(v);
        if (p == null) {
            throw invalid(parameter, original);
        }
        return p;
    }

    private static Parsed parseTime(String v) {
        Matcher m = TM.matcher(v);
        if (!m.matches()) {
            return null;
        }
        try {
            int hour = Integer.parseInt(m.group(1));
            int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            int second = m.group(3) == null ? 0 : Math.min(59, Integer.parseInt(m.group(3))); // leap second 60
            String fraction = m.group(4);
            int micros = fraction == null ? 0 : Integer.parseInt((fraction + "00000").substring(0, 6));
            LocalTime lower = LocalTime.of(hour, minute, second, micros * 1000);
            long unitMicros;
            if (m.group(2) == null) {
                unitMicros = 3_600_000_000L;
            } else if (m.group(3) == null) {
                unitMicros = 60_000_000L;
            } else if (fraction == null) {
                unitMicros = 1_000_000L;
            } else {
                unitMicros = (long) Math.pow(10, 6 - fraction.length());
            }
            return new Parsed(lower, unitMicros);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private record Parsed(LocalTime lower, long unitMicros) {
        /** Last microsecond of the unit the value names (wraps correctly at 23:xx). */
        LocalTime upper() {
            return lower.plus(unitMicros, ChronoUnit.MICROS).minus(1, ChronoUnit.MICROS);
        }
    }

    private static InvalidRequestException invalid(String parameter, String value) {
        return new InvalidRequestException(parameter + " is not a valid TM value or range (HHMMSS.FFFFFF, "
                + "HHMM-HHMM, HHMM-, -HHMM): '" + QueryValues.abbreviate(value) + "'");
    }
}
