package org.lifeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo data tells a consistent story before any of it is sent: LocalStackTest seeds it into a real stack. */
class DemoDataTest {

    @Test
    void every_need_is_posted_once_after_a_situation_post() {
        List<String> posted = DemoData.POSTS.stream().flatMap(post -> post.needs().stream()).toList();

        assertThat(posted).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(DemoData.NEEDS.stream().map(DemoData.Need::key).toList());
    }

    @Test
    void needs_span_sectors_sites_urgencies_and_both_privacies() {
        assertThat(DemoData.NEEDS).hasSizeBetween(10, 14);
        assertThat(DemoData.NEEDS.stream().map(DemoData.Need::sector).distinct()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(DemoData.NEEDS.stream().map(DemoData.Need::site).distinct()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(DemoData.NEEDS.stream().map(DemoData.Need::urgency).distinct())
                .containsExactlyInAnyOrder("CRITICAL", "HIGH", "MEDIUM", "LOW");
        assertThat(DemoData.NEEDS.stream().map(need -> need.site().privacy()).distinct())
                .containsExactlyInAnyOrder(DemoData.Privacy.EXACT, DemoData.Privacy.APPROXIMATE);
    }

    @Test
    void pledges_fit_their_needs_and_reach_every_stage() {
        Map<String, Integer> pledged = DemoData.PLEDGES.stream().collect(Collectors.groupingBy(DemoData.Pledge::need,
                Collectors.summingInt(DemoData.Pledge::quantity)));
        pledged.forEach((need, quantity) -> assertThat(quantity).as(need)
                .isLessThanOrEqualTo(DemoData.need(need).quantity()));
        assertThat(DemoData.PLEDGES.stream().map(DemoData.Pledge::stage).distinct())
                .containsExactlyInAnyOrder(DemoData.Stage.values());
        assertThat(DemoData.PLEDGES).filteredOn(pledge -> pledge.stage() != DemoData.Stage.RESERVED)
                .allSatisfy(pledge -> assertThat(pledge.method()).isIn("DROP_OFF", "SHIPMENT", "PICKUP"));
        assertThat(DemoData.PLEDGES.stream().map(DemoData.Pledge::donor).distinct())
                .containsExactlyInAnyOrderElementsOf(DemoData.DONORS);
    }

    @Test
    void the_demo_command_needs_a_started_stacks_admin_and_invents_no_password(@TempDir Path home) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = DemoData.run(new String[0], Map.of("LIFELINE_HOME", home.toString()), new PrintStream(
                new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no admin password", "start the stack first");
        assertThat(home.resolve("admin-password")).doesNotExist();
    }

    @Test
    void the_demo_command_refuses_unknown_options() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = DemoData.run(new String[] {"--everything"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--everything'");
    }

    @Test
    void idempotency_keys_are_printable_and_short_enough() {
        assertThat(DemoData.KEY_PREFIX + "account/" + DemoData.BUILDERS.email() + "/confirm")
                .matches("[\\x20-\\x7E]{1,200}");
    }
}
