package org.lifeline.system;

import com.fasterxml.jackson.core.type.TypeReference;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * An automated accessibility check of the page as it is now: Deque's axe-core (the webjar's {@code axe.min.js}, no
 * download) run inside the page. axe finds what a machine can find (missing labels and names, contrast below WCAG
 * AA, landmarks, ARIA misuse); keyboard use and reading order still need a person.
 */
public final class Accessibility {

    /** The impacts that fail a test. */
    private static final Set<String> SERIOUS = Set.of("serious", "critical");
    private static final String AXE_RESOURCE = "META-INF/resources/webjars/axe-core/%s/axe.min.js";
    private static final String AXE_SOURCE = load();

    private Accessibility() {
    }

    /** One rule broken on the page, with the CSS selectors of the elements that break it. */
    public record Violation(String id, String impact, String help, String helpUrl, List<String> targets) {
        @Override
        public String toString() {
            String where = targets.size() <= 5 ? String.join(", ", targets)
                    : String.join(", ", targets.subList(0, 5)) + " and " + (targets.size() - 5) + " more";
            return id + " [" + impact + "] " + help + " — " + where + " (" + helpUrl + ")";
        }
    }

    /** The violations of impact serious or critical on the page as it is now. */
    public static List<Violation> seriousViolations(Page page) {
        return violations(page).stream().filter(violation -> SERIOUS.contains(violation.impact())).toList();
    }

    /** Every violation axe reports on the page as it is now. */
    public static List<Violation> violations(Page page) {
        inject(page);
        String json = (String) page.evaluate("""
                async () => {
                  const result = await axe.run(document, { resultTypes: ['violations'] });
                  return JSON.stringify(result.violations.map(v => ({
                    id: v.id, impact: v.impact || 'unknown', help: v.help, helpUrl: v.helpUrl,
                    targets: v.nodes.map(node => node.target.join(' '))
                  })));
                }""");
        try {
            return Api.JSON.readValue(json, new TypeReference<List<Violation>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("axe answered what is not its violations: " + json, e);
        }
    }

    /**
     * Puts axe in the page's own JavaScript world. It is evaluated through the browser's debugging protocol rather
     * than added as a {@code <script>} element: the app's Content-Security-Policy (no inline scripts) forbids the
     * latter, and the tests keep that policy enforced so that the app's own inline code would show as an error.
     */
    private static void inject(Page page) {
        if (Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            return;
        }
        page.evaluate(AXE_SOURCE + "\n;undefined");
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            throw new IllegalStateException("axe-core did not load in " + page.url());
        }
    }

    private static String load() {
        String version = axeVersion();
        String resource = AXE_RESOURCE.formatted(version);
        try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the test classpath (org.webjars.npm:axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's version, from its Maven metadata, so that a version bump in the pom needs nothing here. */
    private static String axeVersion() {
        String properties = "META-INF/maven/org.webjars.npm/axe-core/pom.properties";
        try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("no " + properties + " on the test classpath (org.webjars.npm:axe-core)");
            }
            java.util.Properties read = new java.util.Properties();
            read.load(in);
            return read.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
