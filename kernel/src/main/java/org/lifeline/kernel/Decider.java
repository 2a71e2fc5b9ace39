package org.lifeline.kernel;

import java.util.List;

/**
 * The write model of one aggregate as pure functions: {@code decide} turns a command and the
 * current state into new events (or throws {@link Rejected}); {@code evolve} folds an event into
 * the state. No I/O, no framework.
 */
public interface Decider<C, S, E> {

    S initialState();

    List<E> decide(C command, S state);

    S evolve(S state, E event);

    /** Folds events, oldest first, into the state. */
    default S replay(S state, Iterable<? extends E> events) {
        S result = state;
        for (E event : events) {
            result = evolve(result, event);
        }
        return result;
    }
}
