package org.lifeline.support;

import org.junit.jupiter.api.Test;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.StoredResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CommandResponsesTest {

    @Test
    void if_match_names_a_version_or_nothing() {
        assertThat(CommandResponses.expectedVersion("\"3\"")).isEqualTo(3L);
        assertThat(CommandResponses.expectedVersion("W/\"7\"")).isEqualTo(7L);
        assertThat(CommandResponses.expectedVersion("*")).isNull();
        assertThat(CommandResponses.expectedVersion(null)).isNull();
        assertThat(CommandResponses.expectedVersion("\"abc\"")).isEqualTo(-1L);
    }

    @Test
    void a_replay_is_marked_and_a_stored_problem_goes_out_as_problem_json() {
        var replay = CommandResponses.respond(new CommandExecutor.Outcome(new StoredResponse(201, "{}"), true)).build();
        assertThat(replay.getStatus()).isEqualTo(201);
        assertThat(replay.getHeaderString(CommandResponses.REPLAYED)).isEqualTo("true");
        assertThat(replay.getMediaType().toString()).isEqualTo("application/json");

        var problem = CommandResponses.respond(new CommandExecutor.Outcome(new StoredResponse(409, "{}"), false)).build();
        assertThat(problem.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(problem.getHeaderString(CommandResponses.REPLAYED)).isNull();
    }
}
