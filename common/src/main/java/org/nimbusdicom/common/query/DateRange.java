package org.nimbusdicom.common.query;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nimbusdicom.common.error.InvalidRequestException;

/**
 * A DA (date) matching value (PS3.4 C.2.2.2.5): a single date or an inclusive range
 * {@code 20200101-20201231}, {@code 20200101-} (on or after), {@code -20201231} (on or before).
 *
 * @param from first matching date, or {@code null} when open
 * @param to last matching date, or {@code null} when open
 */
public record DateRange(LocalDate from, LocalDate to) {

    private static final Pattern DA = Pattern.compile("(\\d{4})\\.?(\\d{2})\\.?(\\d{2})");

    /** True when the value denotes a single date (from equals to). */
    public boolean isSingle() {
        return from != null && from.equals(to);
    }

    /**
     * Parses a QIDO DA matching value.
     *
     * @param value the parameter value (not empty)
     * @param parameter the parameter name, for the error message
     * @throws InvalidRequestException when the value is not a date or a valid date range
     */
    public static DateRange parse(String value, String parameter) {
        String v = value.trim();
        int dash = v.indexOf('-');
        if (dash < 0) {
            LocalDate date = parseDate(v, parameter, value);
            return new DateRange(date, date);
        }
        if (v.indexOf('-', dash + 1) >= 0 || v.length() == 1) {
            throw invalid(parameter, value);
        }
        LocalDate from = dash == 0 ? null : parseDate(v.substring(0, dash).trim(), parameter, value);
        LocalDate to = dash == v.length() - 1 ? null : parseDate(v.substring(dash + 1).trim(), parameter, value);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidRequestException(parameter + ": the range start is after its end: '"
                    + QueryValues.abbreviate(value) + "'");
        }
        return new DateRange(from, to);
    }

    /**
     * Parses a stored DA value ({@code YYYYMMDD}, or the ACR-NEMA form {@code YYYY.MM.DD}).
     *
     * @return the date, or {@code null} when the value is empty or not a valid date
     */
    public static LocalDate parseStored(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DA.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static LocalDate parseDate(String v, String parameter, String original) {
        LocalDate date = parseStored(v);
        if (date == null) {
            throw invalid(parameter, original);
        }
        return date;
    }

    private static InvalidRequestException invalid(String parameter, String value) {
        return new InvalidRequestException(parameter + " is not a valid DA value or range (YYYYMMDD, "
                + "YYYYMMDD-YYYYMMDD, YYYYMMDD-, -YYYYMMDD): '" + QueryValues.abbreviate(value) + "'");
    }
}
