package org.lifeline.feed.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The address policy with its flags off (production defaults) and on; names resolve through a fixed table. */
class WebhookTargetsTest {

    private static final Map<String, String[]> NAMES = Map.of(
            "partner.example", new String[]{"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"},
            "localhost", new String[]{"127.0.0.1", "::1"},
            "split.example", new String[]{"93.184.216.34", "10.0.0.7"},
            "metadata.example", new String[]{"169.254.169.254"},
            "intranet.example", new String[]{"192.168.1.20"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] addresses = NAMES.get(host);
        if (addresses == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return InetAddress.getAllByName(host); // a literal: no lookup
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = InetAddress.getByName(addresses[i]);
        }
        return resolved;
    }

    private final WebhookTargets strict = new WebhookTargets(false, false, WebhookTargetsTest::resolve);
    private final WebhookTargets loopbackAllowed = new WebhookTargets(true, false, WebhookTargetsTest::resolve);
    private final WebhookTargets privateAllowed = new WebhookTargets(false, true, WebhookTargetsTest::resolve);
    private final WebhookTargets bothAllowed = new WebhookTargets(true, true, WebhookTargetsTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = {"https://partner.example/hooks/lifeline", "http://partner.example:8443/in?source=lifeline",
            "HTTPS://93.184.216.34/hook", "https://[2606:2800:220:1:248:1893:25c8:1946]/hook"})
    void public_http_and_https_targets_are_accepted(String url) {
        assertThat(strict.check(url)).hasToString(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:9000/hook", "http://127.8.9.10/hook", "http://localhost/hook", "http://[::1]/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "http://10.0.0.1/hook", "http://172.16.0.1/hook", "http://172.31.255.254/hook", "http://192.168.1.1/hook",
            "http://100.64.0.1/hook", "http://intranet.example/hook", "http://[fc00::1]/hook", "http://[fd12:3456::1]/hook",
            "http://[::ffff:10.0.0.1]/hook", "http://[64:ff9b::a00:1]/hook", "http://[2002:a00:1::1]/hook",
            "http://169.254.169.254/latest/meta-data", "http://metadata.example/", "http://[fe80::1]/hook",
            "http://0.0.0.0/hook", "http://0.1.2.3/hook", "http://[::]/hook",
            "http://224.0.0.1/hook", "http://239.255.255.250/hook", "http://[ff02::1]/hook",
            "http://255.255.255.255/hook", "http://240.0.0.1/hook",
            "http://split.example/hook"})
    void loopback_private_link_local_unspecified_and_multicast_targets_are_refused(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(InvalidWebhook.class)
                .satisfies(e -> assertThat(((InvalidWebhook) e).field()).isEqualTo("url"))
                .hasMessageStartingWith("must not target");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://partner.example/hook", "file:///etc/passwd", "partner.example/hook", "/hooks",
            "mailto:ops@partner.example", "http:///hook", "https://user:secret@partner.example/hook",
            "https://partner.example/hook#part", "http://exa mple.org/", "https://unknown.invalid/hook"})
    void urls_that_are_not_plain_http_targets_are_refused(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(InvalidWebhook.class);
    }

    @Test
    void allowing_loopback_admits_loopback_only() {
        assertThat(loopbackAllowed.check("http://127.0.0.1:9000/hook")).isNotNull();
        assertThat(loopbackAllowed.check("http://localhost/hook")).isNotNull();
        assertThat(loopbackAllowed.check("http://[::1]/hook")).isNotNull();
        assertThatThrownBy(() -> loopbackAllowed.check("http://10.0.0.1/hook")).isInstanceOf(InvalidWebhook.class);
        assertThatThrownBy(() -> loopbackAllowed.check("http://169.254.169.254/")).isInstanceOf(InvalidWebhook.class);
    }

    @Test
    void allowing_private_admits_private_ranges_only() {
        assertThat(privateAllowed.check("http://10.0.0.1/hook")).isNotNull();
        assertThat(privateAllowed.check("http://intranet.example/hook")).isNotNull();
        assertThat(privateAllowed.check("http://[fd12:3456::1]/hook")).isNotNull();
        assertThat(privateAllowed.check("http://split.example/hook")).isNotNull();
        assertThatThrownBy(() -> privateAllowed.check("http://127.0.0.1/hook")).isInstanceOf(InvalidWebhook.class);
    }

    @Test
    void link_local_unspecified_and_multicast_stay_refused_whatever_the_flags() {
        for (String url : new String[]{"http://169.254.169.254/", "http://[fe80::1]/", "http://0.0.0.0/",
                "http://[::]/", "http://224.0.0.1/", "http://[ff02::1]/", "http://metadata.example/"}) {
            assertThatThrownBy(() -> bothAllowed.check(url)).as(url).isInstanceOf(InvalidWebhook.class);
        }
    }

    @Test
    void every_address_of_a_name_is_checked() {
        assertThatThrownBy(() -> strict.check("https://split.example/hook"))
                .hasMessageContaining("10.0.0.7");
    }
}
