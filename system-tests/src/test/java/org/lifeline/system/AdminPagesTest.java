package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.system.Browsers.Device;

/**
 * The admin pages of the web app, in headless Chromium against the whole stack: the admin creates an organisation,
 * makes an account its coordinator, creates a partner whose API key is shown once (a reload does not show it again)
 * and revokes it; axe finds nothing serious; screenshots on a phone and a desktop go to {@code target/screenshots}.
 */
@ExtendWith({RunningStack.class, Browsers.class})
class AdminPagesTest {

    @BeforeAll
    static void assertionsWaitLikeActions() {
        PlaywrightAssertions.setDefaultAssertionTimeout(Visitor.ACTION_TIMEOUT_MS);
    }

    @Test
    void the_admin_creates_an_organisation_adds_a_coordinator_and_issues_and_revokes_a_partner_key_shown_once(
            RunningStack stack, Browsers browsers) {
        Api api = stack.api().from(Loopback.next());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Api.Account future = api.donor("Future " + tag);

        Visitor admin = browsers.desktop("en-US");
        admin.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
        Page page = admin.page();
        BrowserSession.signInThroughTheForm(admin, RunningStack.ADMIN_EMAIL, RunningStack.ADMIN_PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin").setExact(true)).click();
        expect(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Administration").setLevel(1))).isVisible();

        // An organisation.
        String organisationName = "Admin Relief " + tag;
        Locator create = form(page, "Create an organisation");
        create.getByLabel("Name").fill(organisationName);
        create.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create organisation")).click();
        Locator organisation = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(organisationName));
        expect(organisation).isVisible();

        // Its coordinator, added by email: the account's next token carries the role and the organisation.
        Locator add = organisation.getByRole(AriaRole.FORM, new Locator.GetByRoleOptions()
                .setName("Add a coordinator to " + organisationName));
        // A refusal the API names a field for shows next to that field; another one in the form's alert.
        Locator email = add.getByLabel("Email of the account");
        email.fill("not an email");
        add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add coordinator")).click();
        expect(add.locator(".field-error")).containsText("well-formed email");
        expect(email).hasAttribute("aria-invalid", "true");
        email.fill("nobody-" + tag + "@example.org");
        add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add coordinator")).click();
        expect(add.getByRole(AriaRole.ALERT)).containsText("Not found.");
        expect(email).not().hasAttribute("aria-invalid", "true");
        add.getByLabel("Email of the account").fill(future.email());
        add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add coordinator")).click();
        expect(organisation).containsText("They must sign out and sign in again to get the role.");
        expect(organisation.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions()
                .setName("Coordinators of " + organisationName))).containsText(future.email());
        JsonNode claims = claims(api.token(future.email(), future.password()));
        assertThat(claims.get("groups").toString()).as("roles in the new token").contains("coordinator");
        String organisationId = claims.get("orgs").get(0).asText();
        assertThat(api.post("/api/v1/campaigns", Api.Credential.bearer(api.token(future.email(), future.password())),
                java.util.Map.of("organisationId", organisationId, "title", "Made by the new coordinator " + tag,
                        "kind", "OTHER", "region", "Sichuan", "location", java.util.Map.of("lat", 30.6, "lon", 104.0)))
                .status()).as("the new coordinator opens a campaign for the organisation").isEqualTo(201);

        // A partner: its key is shown once, with a copy button and a warning.
        String partnerName = "Relief Map " + tag;
        Locator partnerForm = form(page, "Create a partner");
        partnerForm.getByLabel("Name").fill(partnerName);
        partnerForm.getByLabel("Organisation (optional)").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel(organisationName));
        partnerForm.getByLabel("Read the feed (feed:read)").check();
        partnerForm.getByLabel("Manage webhooks (webhooks:manage)").check();
        partnerForm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create partner")).click();

        Locator keyPanel = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("New API key"));
        expect(keyPanel).containsText("shown only this once");
        Locator keyInput = keyPanel.getByLabel("API key");
        expect(keyInput).not().hasValue("");
        String apiKey = keyInput.inputValue();
        keyPanel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy key")).click();
        expect(keyPanel).containsText("Key copied.");
        assertThat(page.evaluate("() => navigator.clipboard.readText()")).as("the clipboard").isEqualTo(apiKey);
        String exportPath = "/api/v1/feed/needs/export.csv?campaignId=" + UUID.randomUUID();
        assertThat(api.get(exportPath, Api.Credential.apiKey(apiKey)).status()).as("the new key reads the feed").isEqualTo(200);
        admin.screenshot("partner-key-shown-once");

        Locator partner = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(partnerName));
        expect(partner).containsText("Active");
        expect(partner).containsText(organisationName);

        // A reload shows the partner, never its key again.
        page.reload();
        expect(partner).containsText("Active");
        expect(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("New API key"))).hasCount(0);
        assertThat(page.content()).as("the page after a reload").doesNotContain(apiKey);
        assertThat((String) page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"))
                .as("the browser's storage").doesNotContain(apiKey);

        // Revoking asks first, then the key stops working at once.
        page.onceDialog(dialog -> {
            assertThat(dialog.message()).contains(partnerName);
            dialog.accept();
        });
        partner.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke key")).click();
        expect(partner).containsText("Revoked");
        expect(partner.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke key"))).hasCount(0);
        assertThat(api.get(exportPath, Api.Credential.apiKey(apiKey)).status()).as("the revoked key").isEqualTo(401);

        admin.settle();
        admin.screenshot("admin");
        admin.screenshot("admin-full", true);
        assertThat(Accessibility.seriousViolations(page)).as("serious accessibility violations on #/admin").isEmpty();
        assertThat(BrowserSession.scriptErrors(admin)).as("script errors").isEmpty();
    }

    @Test
    void the_admin_pages_pass_axe_on_a_phone_and_in_chinese(RunningStack stack, Browsers browsers) {
        Api api = stack.api().from(Loopback.next());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String organisationId = api.organisation("Phone Relief " + tag);
        Api.Account coordinator = api.coordinator(organisationId, "Phone " + tag);
        Api.Account admin = new Api.Account(RunningStack.ADMIN_EMAIL, RunningStack.ADMIN_PASSWORD, api.adminToken());

        for (String locale : new String[] {"en-US", "zh-CN"}) {
            Visitor visitor = browsers.open(Device.PHONE, locale);
            BrowserSession.signIn(visitor, admin, "#/admin");
            Page page = visitor.page();
            expect(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName(locale.equals("en-US") ? "Administration" : "管理").setLevel(1))).isVisible();
            expect(page.locator(".organisations [aria-busy]")).hasCount(0);
            // The server lists every organisation; one's coordinators are read when its card is opened.
            Locator organisation = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Phone Relief " + tag));
            expect(organisation).isVisible();
            Locator coordinators = organisation.locator("ul.coordinators");
            expect(coordinators).isHidden();
            organisation.locator("summary").click();
            expect(coordinators).containsText(coordinator.email());
            visitor.settle();
            visitor.screenshot(locale.equals("en-US") ? "admin" : "admin-zh");
            assertThat(Accessibility.seriousViolations(page))
                    .as("serious accessibility violations on #/admin (phone, %s)", locale).isEmpty();
            assertThat(BrowserSession.scriptErrors(visitor)).as("script errors (%s)", locale).isEmpty();
        }
    }

    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    private static Locator form(Page page, String name) {
        return page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName(name));
    }

    private static JsonNode claims(String token) {
        try {
            return Api.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
