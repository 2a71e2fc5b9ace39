package org.lifeline.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web app's two message catalogs have the same keys, and each message names the same placeholders in both
 * languages: a page never shows a raw key or an unfilled {@code {placeholder}} in one of them.
 */
class MessageCatalogsTest {

    /** {@code 'key': 'text'} or {@code 'key': "text"}, several to a line where the catalog groups them. */
    private static final Pattern ENTRY = Pattern.compile(
            "'([A-Za-z][\\w.:-]*)'\\s*:\\s*('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @Test
    void english_and_chinese_have_the_same_keys_and_placeholders() throws IOException {
        Map<String, String> english = catalog("web/app/messages-en.js");
        Map<String, String> chinese = catalog("web/app/messages-zh-CN.js");

        assertThat(english).as("English messages").hasSizeGreaterThan(300);
        assertThat(chinese.keySet()).as("the Chinese catalog's keys").isEqualTo(english.keySet());
        english.forEach((key, text) -> assertThat(placeholders(chinese.get(key)))
                .as("placeholders of %s in Chinese (English: %s)", key, text).isEqualTo(placeholders(text)));
    }

    @Test
    void the_console_and_admin_pages_have_their_messages_in_both_languages() throws IOException {
        Map<String, String> chinese = catalog("web/app/messages-zh-CN.js");
        for (String key : new String[] {"nav.console", "nav.admin", "console.title", "revise.conflict", "admin.keyWarning",
                "role.coordinator.needed", "console.privacyHint"}) {
            assertThat(chinese.get(key)).as("Chinese for %s", key).isNotBlank().doesNotContainPattern("^[\\x20-\\x7E]*$");
        }
    }

    private static Map<String, String> catalog(String resource) throws IOException {
        try (InputStream in = MessageCatalogsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("%s on the classpath", resource).isNotNull();
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> entries = new TreeMap<>();
            Matcher matcher = ENTRY.matcher(source);
            while (matcher.find()) {
                String previous = entries.put(matcher.group(1), matcher.group(2));
                assertThat(previous).as("%s appears once in %s", matcher.group(1), resource).isNull();
            }
            return entries;
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text == null ? "" : text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
