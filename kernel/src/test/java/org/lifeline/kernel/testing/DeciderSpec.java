package org.lifeline.kernel.testing;

import org.lifeline.kernel.Decider;
import org.lifeline.kernel.Rejected;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Given / when / then for deciders: past events, a command, and the events it must produce or the
 * rejection it must meet.
 *
 * <pre>{@code
 * DeciderSpec.of(new Needs())
 *     .given(posted(NEED, 500), closed(NEED))
 *     .when(new ReviseQuantity(NEED, 300))
 *     .thenRejected("need is CLOSED");
 * }</pre>
 */
public final class DeciderSpec<C, S, E> {

    private final Decider<C, S, E> decider;

    private DeciderSpec(Decider<C, S, E> decider) {
        this.decider = decider;
    }

    public static <C, S, E> DeciderSpec<C, S, E> of(Decider<C, S, E> decider) {
        return new DeciderSpec<>(decider);
    }

    @SafeVarargs
    @SuppressWarnings("varargs")
    public final Given given(E... history) {
        return new Given(Arrays.asList(history));
    }

    public Given givenNothing() {
        return new Given(List.of());
    }

    /** The state after the past events. */
    public final class Given {
        private final S state;

        private Given(List<E> history) {
            this.state = decider.replay(decider.initialState(), history);
        }

        public When when(C command) {
            return new When(state, command);
        }

        public S state() {
            return state;
        }
    }

    /** A command on that state, and what must follow. */
    public final class When {
        private final S state;
        private final C command;

        private When(S state, C command) {
            this.state = state;
            this.command = command;
        }

        /** The command produces exactly these events, in this order; answers the state after them. */
        @SafeVarargs
        @SuppressWarnings("varargs")
        public final S then(E... expected) {
            List<E> events = decide();
            assertThat(events).as("events decided for %s", command).containsExactly(expected);
            return decider.replay(state, events);
        }

        /** The command is accepted and changes nothing. */
        public void thenNothing() {
            assertThat(decide()).as("events decided for %s", command).isEmpty();
        }

        /** The command is rejected with a message containing {@code reason}. */
        public Rejected thenRejected(String reason) {
            assertThatThrownBy(() -> decider.decide(command, state))
                    .as("rejection of %s", command)
                    .isInstanceOf(Rejected.class)
                    .hasMessageContaining(reason);
            try {
                decider.decide(command, state);
            } catch (Rejected rejected) {
                return rejected;
            }
            return fail("not rejected");
        }

        private List<E> decide() {
            try {
                return decider.decide(command, state);
            } catch (Rejected rejected) {
                return fail("%s was rejected: %s", command, rejected.getMessage());
            }
        }
    }
}
