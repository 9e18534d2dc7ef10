package org.nimbusdicom.retrieve.frame;

import java.util.ArrayList;
import java.util.List;
import org.nimbusdicom.common.error.InvalidRequestException;

/** The {@code {frames}} path segment of a frames request: 1-based frame numbers, comma separated, in request order. */
public final class FrameList {

    private FrameList() {
    }

    /**
     * Parses {@code 1}, {@code 1,3,5} (spaces around commas tolerated).
     *
     * @throws InvalidRequestException when empty, not a list of positive integers, or longer than {@code max}
     */
    public static List<Integer> parse(String text, int max) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("frame list is empty");
        }
        String[] items = text.split(",", -1);
        if (items.length > max) {
            throw new InvalidRequestException("too many frames requested: " + items.length + " (at most " + max + ")");
        }
        List<Integer> frames = new ArrayList<>(items.length);
        for (String item : items) {
            String number = item.trim();
            if (number.isEmpty() || number.length() > 9 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new InvalidRequestException("invalid frame number '" + shorten(number)
                        + "' in frame list (expected positive integers separated by commas)");
            }
            int frame = Integer.parseInt(number);
            if (frame < 1) {
                throw new InvalidRequestException("invalid frame number " + frame + ": frame numbers start at 1");
            }
            frames.add(frame);
        }
        return frames;
    }

    private static String shorten(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 20 ? printable : printable.substring(0, 17) + "...";
    }
}
