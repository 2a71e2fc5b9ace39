package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageTest {

    private record Item(Instant at, UUID id) { }

    private static final Instant NOW = Instant.parse("2026-11-21T08:30:00.123456Z");

    @Test
    void a_cursor_reads_back_as_the_position_it_was_written_from() {
        PagePosition position = new PagePosition(NOW, UUID.randomUUID());

        assertThat(PagePosition.fromCursor(position.toCursor())).contains(position);
        assertThat(PagePosition.after(position.toCursor())).isEqualTo(position);
        assertThat(position.toCursor()).doesNotContain("|", "=");
    }

    @Test
    void no_cursor_starts_from_the_newest_and_a_foreign_one_is_a_400_problem() {
        assertThat(PagePosition.after(null)).isNull();
        assertThat(PagePosition.after("")).isNull();
        for (String foreign : List.of("nonsense", "bm9uc2Vuc2U", "%%%", "MjAyNnx4")) {
            ProblemException refused = catchThrowableOfType(ProblemException.class, () -> PagePosition.after(foreign));
            assertThat(refused).as(foreign).isNotNull();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.getMessage()).isEqualTo("The cursor is not one this API gave.");
        }
    }

    @Test
    void one_item_more_than_the_limit_gives_a_cursor_after_the_last_item_of_the_page() {
        Item first = new Item(NOW, UUID.randomUUID());
        Item second = new Item(NOW.minusSeconds(1), UUID.randomUUID());
        Item third = new Item(NOW.minusSeconds(2), UUID.randomUUID());

        Page<Item> page = Page.of(List.of(first, second, third), 2, item -> new PagePosition(item.at(), item.id()));

        assertThat(page.items()).containsExactly(first, second);
        assertThat(PagePosition.fromCursor(page.nextCursor())).contains(new PagePosition(second.at(), second.id()));
    }

    @Test
    void the_last_page_has_no_cursor() {
        Item only = new Item(NOW, UUID.randomUUID());

        assertThat(Page.of(List.of(only), 2, item -> new PagePosition(item.at(), item.id())).nextCursor()).isNull();
        assertThat(Page.of(List.<Item>of(), 2, item -> new PagePosition(item.at(), item.id())).items()).isEmpty();
    }
}
