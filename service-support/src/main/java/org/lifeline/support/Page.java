package org.lifeline.support;

import java.util.List;
import java.util.function.Function;

/** A page of a list, as every list of the public API answers: {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page of a query that was asked for {@code limit + 1} items: the first {@code limit}, and a cursor after
     * the last of them when there was one more.
     *
     * @param position where an item stands in the list's order (its time and id)
     */
    public static <T> Page<T> of(List<T> found, int limit, Function<T, PagePosition> position) {
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        List<T> page = found.subList(0, limit);
        return new Page<>(page, position.apply(page.getLast()).toCursor());
    }
}
