package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.system.Browsers.Device;

/**
 * The web app's shell at the gateway's {@code /}, in headless Chromium: it is there, sends a policy that forbids
 * inline scripts, loads everything from our own origin without an error, speaks the browser's language and passes an
 * automated accessibility check, on a phone and on a desktop. Screenshots go to {@code target/screenshots}.
 */
@ExtendWith({RunningStack.class, Browsers.class})
class WebAppShellTest {

    @Test
    void the_home_page_is_html_with_a_policy_that_forbids_inline_scripts(RunningStack stack) {
        Api.Answer home = stack.api().send("GET", "/", Api.Credential.NONE, null, Map.of("Accept", "text/html"));

        assertThat(home.status()).as("no web app at /: %s", home).isEqualTo(200);
        assertThat(home.contentType()).as("the type of /").startsWith("text/html");
        List<String> policies = headerValues(home, "Content-Security-Policy");
        assertThat(policies).as("Content-Security-Policy of / (headers: %s)", home.headers().keySet()).isNotEmpty();
        for (String policy : policies) {
            Optional<String> scripts = directive(policy, "script-src").or(() -> directive(policy, "default-src"));
            assertThat(scripts).as("script-src or default-src in the policy %s", policy).isPresent();
            assertThat(scripts.get()).as("the scripts the policy allows: %s", policy).doesNotContain("'unsafe-inline'");
        }
    }

    @Test
    void the_home_page_loads_everything_from_our_origin_without_an_error(Browsers browsers) {
        for (Device device : Device.values()) {
            Visitor visitor = browsers.open(device, "en-US");
            visitor.open("/");
            visitor.settle();
            visitor.screenshot("home");
            visitor.screenshot("home-full", true);

            assertThat(visitor.consoleErrors()).as("console errors on %s", visitor.device()).isEmpty();
            assertThat(visitor.failedRequests()).as("failed requests on %s", visitor.device()).isEmpty();
            assertThat(visitor.requestsToOtherOrigins())
                    .as("requests to another origin than %s (a CDN?)", visitor.base()).isEmpty();
        }
    }

    @Test
    void the_home_page_speaks_the_browsers_language(Browsers browsers) {
        Visitor chinese = browsers.phone("zh-CN");
        chinese.open("/");
        assertLanguage(chinese, "zh");
        chinese.settle();
        chinese.screenshot("home-zh");

        Visitor english = browsers.desktop("en-US");
        english.open("/");
        assertLanguage(english, "en");
    }

    @Test
    void axe_finds_no_serious_accessibility_violation_on_the_home_page(Browsers browsers) {
        for (Device device : Device.values()) {
            Visitor visitor = browsers.open(device, "en-US");
            visitor.open("/");
            visitor.settle();

            assertThat(Accessibility.seriousViolations(visitor.page()))
                    .as("serious or critical accessibility violations on / (%s)", visitor.device()).isEmpty();
        }
    }

    /** {@code <html lang>} starts with {@code language}; an app that sets it from script gets the action timeout. */
    private static void assertLanguage(Visitor visitor, String language) {
        Page page = visitor.page();
        try {
            page.waitForFunction("language => (document.documentElement.lang || '').toLowerCase().startsWith(language)",
                    language);
        } catch (PlaywrightException e) {
            // Falls through to the assertion, which says what the page has instead.
        }
        assertThat((String) page.evaluate("() => document.documentElement.lang"))
                .as("<html lang> for a browser speaking %s", visitor.locale())
                .startsWith(language);
    }

    private static List<String> headerValues(Api.Answer answer, String name) {
        return answer.headers().entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .flatMap(header -> header.getValue().stream()).toList();
    }

    /** The sources of one directive of a policy, such as "'self' 'nonce-…'" for script-src. */
    private static Optional<String> directive(String policy, String name) {
        return Arrays.stream(policy.split(";")).map(String::trim)
                .filter(part -> part.toLowerCase(Locale.ROOT).equals(name)
                        || part.toLowerCase(Locale.ROOT).startsWith(name + " "))
                .findFirst().map(part -> part.substring(name.length()).trim());
    }
}
