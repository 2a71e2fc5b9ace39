package org.lifeline.feed.api;

import java.util.List;
import org.lifeline.support.Problem;

/** Query parameters that cannot be served, each with what is wrong with it (answered as a 400 problem). */
public class InvalidQuery extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidQuery(List<Problem.FieldError> errors) {
        super(errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.");
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** The problem it answers with: the same shape as the validation problems of every service. */
    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400, getMessage(), instance, errors,
                null);
    }
}
