package org.nimbusdicom.common.query;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nimbusdicom.common.error.InvalidRequestException;

/**
 * A DT (date time) matching value (PS3.4 C.2.2.2.5): a single value or an inclusive range.
 * A value given with less precision covers the whole unit it names ({@code 2020} is the whole
 * year 2020). A UTC offset suffix ({@code +0100}, {@code -0500}) converts the value to UTC;
 * values without an offset are taken as given (local time of the data).
 *
 * @param from first matching instant, or {@code null} when open
 * @param to last matching instant, or {@code null} when open
 */
public record DateTimeRange(LocalDateTime from, LocalDateTime to) {

    private static final Pattern DT = Pattern.compile(
            "(\\d{4})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,6}))?)?)?)?)?)?([+-]\\d{4})?");

    /**
     * Parses a QIDO DT matching value. A single value with a negative UTC offset
     * ({@code 20200101120000-0500}) is read as a single value, not a range.
     *
     * @throws InvalidRequestException when the value is not a date time or a valid range
     */
    public static DateTimeRange parse(String value, String parameter) {
        String v = value.trim();
        Parsed single = parseDateTime(v);
        if (single != null) {
            return new DateTimeRange(single.lower, single.upper());
        }
        // a range: try every '-' as the separator; both sides must be empty or valid
        for (int i = v.indexOf('-'); i >= 0; i = v.indexOf('-', i + 1)) {
            String left = v.substring(0, i).trim();
            String right = v.substring(i + 1).trim();
            if (left.isEmpty() && right.isEmpty()) {
                break;
            }
            Parsed from = left.isEmpty() ? null : parseDateTime(left);
            Parsed to = right.isEmpty() ? null : parseDateTime(right);
            if ((left.isEmpty() || from != null) && (right.isEmpty() || to != null)) {
                LocalDateTime lower = from == null ? null : from.lower;
                LocalDateTime upper = to == null ? null : to.upper();
                if (lower != null && upper != null && lower.isAfter(upper)) {
                    throw new InvalidRequestException(parameter + ": the range start is after its end: '"
                            + QueryValues.abbreviate(value) + "'");
                }
                return new DateTimeRange(lower, upper);
            }
        }
        throw new InvalidRequestException(parameter + " is not a valid DT value or range "
                + "(YYYYMMDDHHMMSS.FFFFFF&ZZXX, with '-' between range bounds): '" + QueryValues.abbreviate(value) + "'");
    }

    /** Parses a stored DT value; {@code null} when empty or invalid. */
    public static LocalDateTime parseStored(String value) {
        if (value == null) {
            return null;
        }
        Parsed p = parseDateTime(value.trim());
        return p == null ? null : p.lower;
    }

    private static Parsed parseDateTime(String v) {
        Matcher m = DT.matcher(v);
        if (!m.matches()) {
            return null;
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Math.min(59, Integer.parseInt(m.group(6)));
            String fraction = m.group(7);
            int micros = fraction == null ? 0 : Integer.parseInt((fraction + "00000").substring(0, 6));
            LocalDateTime lower = LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
            ChronoUnit unit;
            long amount = 1;
            if (m.group(2) == null) {
                unit = ChronoUnit.YEARS;
            } else if (m.group(3) == null) {
                unit = ChronoUnit.MONTHS;
            } else if (m.group(4) == null) {
                unit = ChronoUnit.DAYS;
            } else if (m.group(5) == null) {
                unit = ChronoUnit.HOURS;
            } else if (m.group(6) == null) {
                unit = ChronoUnit.MINUTES;
            } else if (fraction == null) {
                unit = ChronoUnit.SECONDS;
            } else {
                unit = ChronoUnit.MICROS;
                amount = (long) Math.pow(10, 6 - fraction.length());
            }
            if (m.group(8) != null) {
                ZoneOffset offset = ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3));
                lower = lower.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return new Parsed(lower, unit, amount);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private record Parsed(LocalDateTime lower, ChronoUnit unit, long amount) {
        LocalDateTime upper() {
            return lower.plus(amount, unit).minus(1, ChronoUnit.MICROS);
        }
    }
}
