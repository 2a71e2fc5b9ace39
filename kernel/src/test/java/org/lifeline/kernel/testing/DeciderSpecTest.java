package org.lifeline.kernel.testing;

import org.lifeline.kernel.Decider;
import org.lifeline.kernel.Rejected;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixture on a tiny stock decider, including that it fails when the decider misbehaves. */
class DeciderSpecTest {

    sealed interface Command permits Reserve, Close {
    }

    record Reserve(int quantity) implements Command {
    }

    record Close() implements Command {
    }

    sealed interface Event permits Reserved, Closed {
    }

    record Reserved(int quantity) implements Event {
    }

    record Closed() implements Event {
    }

    record Stock(int requested, int reserved, boolean closed) {
    }

    static final class Stocks implements Decider<Command, Stock, Event> {
        @Override
        public Stock initialState() {
            return new Stock(10, 0, false);
        }

        @Override
        public List<Event> decide(Command command, Stock stock) {
            return switch (command) {
                case Reserve r when stock.closed() -> throw new Rejected("closed", "stock is closed");
                case Reserve r when stock.reserved() + r.quantity() > stock.requested() ->
                        throw new Rejected("over-reserved", "only " + (stock.requested() - stock.reserved()) + " left");
                case Reserve r -> List.of(new Reserved(r.quantity()));
                case Close c -> stock.closed() ? List.of() : List.of(new Closed());
            };
        }

        @Override
        public Stock evolve(Stock stock, Event event) {
            return switch (event) {
                case Reserved r -> new Stock(stock.requested(), stock.reserved() + r.quantity(), stock.closed());
                case Closed c -> new Stock(stock.requested(), stock.reserved(), true);
            };
        }
    }

    final DeciderSpec<Command, Stock, Event> spec = DeciderSpec.of(new Stocks());

    @Test
    void then_checks_the_events_and_answers_the_new_state() {
        Stock after = spec.given(new Reserved(4)).when(new Reserve(6)).then(new Reserved(6));
        assertThat(after.reserved()).isEqualTo(10);
    }

    @Test
    void then_rejected_checks_the_reason() {
        Rejected rejected = spec.given(new Reserved(8)).when(new Reserve(3)).thenRejected("only 2 left");
        assertThat(rejected.code()).isEqualTo("over-reserved");
        spec.given(new Closed()).when(new Reserve(1)).thenRejected("stock is closed");
    }

    @Test
    void then_nothing_accepts_an_idempotent_command() {
        spec.given(new Closed()).when(new Close()).thenNothing();
    }

    @Test
    void the_fixture_fails_when_the_decider_does_something_else() {
        assertThatThrownBy(() -> spec.givenNothing().when(new Reserve(1)).then(new Reserved(2)))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> spec.givenNothing().when(new Reserve(1)).thenRejected("closed"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> spec.givenNothing().when(new Reserve(11)).then(new Reserved(11)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("was rejected");
    }
}
