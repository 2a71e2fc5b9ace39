package org.lifeline.donations.domain.offer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form of an item or unit name the matcher compares: Unicode NFKC, lower case, every run of
 * characters that are not letters or digits made one space, and each word of more than three letters
 * ending in a single {@code s} made singular. So "Blankets", "blanket " and "BLANKET" are one item, and
 * "Family tent (4-6 persons)" is {@code family tent 4 6 person}. Chinese names pass through unchanged
 * apart from punctuation and width.
 */
public final class ItemNames {

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private ItemNames() {
    }

    public static String normalise(String name) {
        String text = NOT_WORD.matcher(Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
                .replaceAll(" ").strip();
        if (text.isEmpty()) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        for (String word : text.split(" ")) {
            if (!result.isEmpty()) {
                result.append(' ');
            }
            boolean plural = word.length() > 3 && word.endsWith("s") && !word.endsWith("ss");
            result.append(plural ? word.substring(0, word.length() - 1) : word);
        }
        return result.toString();
    }
}
