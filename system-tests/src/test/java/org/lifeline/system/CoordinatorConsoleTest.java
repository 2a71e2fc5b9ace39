package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.system.Browsers.Device;

/**
 * The coordinator console of the web app, in headless Chromium against the whole stack: a coordinator opens a campaign
 * and posts a need that a donor, in another browser, sees appear and pledges to while both progress bars move; a
 * revision made on a stale version shows the current one; a delivery recorded in the console reaches the donor's
 * gifts; a donor at {@code #/console} is told what the console needs; axe finds nothing serious. Screenshots of each
 * page, phone and desktop, go to {@code target/screenshots}.
 */
@ExtendWith({RunningStack.class, Browsers.class})
class CoordinatorConsoleTest {

    private static final Duration FEED_WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void assertionsWaitLikeActions() {
        PlaywrightAssertions.setDefaultAssertionTimeout(Visitor.ACTION_TIMEOUT_MS);
    }

    @Test
    void a_coordinator_opens_a_campaign_and_posts_a_need_that_a_donor_sees_appear_and_pledges_live(
            RunningStack stack, Browsers browsers) {
        Api api = stack.api().from(Loopback.next());
        String tag = tag();
        String organisationName = "Console Relief " + tag;
        String organisationId = api.organisation(organisationName);
        Api.Account coordinator = api.coordinator(organisationId, "Coordinator " + tag);
        Api.Account donor = api.donor("Donor " + tag);

        Visitor console = browsers.desktop("en-US");
        Page page = console.page();
        BrowserSession.signInThroughTheForm(console, coordinator.email(), coordinator.password());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Console").setExact(true)).click();
        expect(heading(page, "Coordinator console")).isVisible();
        // Named by its name where the server lists organisations (else by the start of its id).
        expect(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(organisationName))
                .or(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions()
                        .setName("Organisation " + organisationId.substring(0, 8))))).isVisible();
        expect(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Console").setExact(true)))
                .hasAttribute("aria-current", "page");

        String title = "Flood in Ya'an " + tag;
        Locator open = form(page, "Open a campaign");
        open.getByLabel("Title").fill(title);
        open.getByLabel("Kind").selectOption("FLOOD");
        open.getByLabel("Region").fill("Sichuan");
        open.getByLabel("Latitude").fill("30.01");
        open.getByLabel("Longitude").fill("103.04");
        open.getByLabel("Description").fill("Rivers burst their banks along the Qingyi; families are in school yards.");
        console.settle();
        console.screenshot("console-home");
        open.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open campaign")).click();

        expect(heading(page, title)).isVisible();
        String campaignId = page.url().replaceFirst(".*#/console/campaigns/", "");
        JsonNode campaign = Api.require(api.get("/api/v1/campaigns/" + campaignId, Api.Credential.NONE), 200).json();
        assertThat(campaign.get("organisationId").asText()).as("the campaign's organisation").isEqualTo(organisationId);
        assertThat(campaign.get("kind").asText()).isEqualTo("FLOOD");
        expect(liveState(page)).hasAttribute("data-state", "live");

        // The donor opens the campaign page once the feed knows the campaign, and stays on it.
        awaitFeed(api, "/api/v1/feed/campaigns/" + campaignId);
        Visitor donorVisitor = browsers.phone("en-US");
        Page donorPage = donorVisitor.page();
        BrowserSession.signIn(donorVisitor, donor, "#/campaigns/" + campaignId);
        expect(heading(donorPage, title)).isVisible();
        expect(liveState(donorPage)).hasAttribute("data-state", "live");
        donorPage.evaluate("() => { window.sameDocument = true; }");

        Locator needForm = form(page, "Post a need");
        needForm.getByLabel("Sector").selectOption("SHL");
        needForm.getByLabel("Item").fill("Family tent");
        needForm.getByLabel("Unit").fill("piece");
        needForm.getByLabel("Quantity").fill("40");
        needForm.getByLabel("Urgency").selectOption("CRITICAL");
        needForm.getByLabel("Site name").fill("Yucheng school yard");
        needForm.getByLabel("Latitude").fill("30.0123");
        needForm.getByLabel("Longitude").fill("103.0456");
        needForm.getByLabel("Rounded to about 1 km for the public (approximate)").check();
        needForm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Post need")).click();

        Locator consoleNeed = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Family tent"));
        expect(progress(consoleNeed, "0 of 40 piece reserved")).isVisible();

        Locator donorNeed = donorPage.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Family tent"));
        expect(donorNeed).isVisible();
        assertThat(donorPage.evaluate("() => window.sameDocument === true"))
                .as("the need appeared on the donor's page without a reload").isEqualTo(true);
        String needId = donorPage.locator("li[data-need-id]").filter(new Locator.FilterOptions().setHas(donorNeed))
                .getAttribute("data-need-id");
        JsonNode need = Api.require(api.get("/api/v1/needs/" + needId, coordinator.credential()), 200).json();
        assertThat(need.get("site").get("privacy").asText()).isEqualTo("APPROXIMATE");
        assertThat(need.get("urgency").asText()).isEqualTo("CRITICAL");
        // donations-service hears of a new need through Kafka: a pledge before that would be a 404.
        awaitFeed(api, "/api/v1/needs/" + needId + "/pledges", coordinator.credential());

        donorNeed.getByLabel("Quantity (piece)").fill("15");
        donorNeed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Pledge").setExact(true)).click();
        expect(progress(donorNeed, "15 of 40 piece reserved")).isVisible();
        expect(progress(consoleNeed, "15 of 40 piece reserved")).isVisible();
        assertThat(donorPage.evaluate("() => window.sameDocument === true")).as("still the same page").isEqualTo(true);

        // A situation update and a match pool, published in the console, reach the donor's page live too.
        Locator postForm = form(page, "Publish a situation update");
        postForm.getByLabel("Text").fill("The school yard camp has water again; tents are still short.");
        postForm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Publish update")).click();
        expect(donorPage.locator(".post-text")).containsText("The school yard camp has water again");
        Locator poolForm = form(page, "Open a match pool");
        poolForm.getByLabel("Sponsor").fill("Chengdu Bakers");
        poolForm.getByLabel("Ratio (added per 1 given)").fill("1");
        poolForm.getByLabel("Pool (CNY)").fill("10000");
        poolForm.getByLabel("Cap per donor (CNY, optional)").fill("500");
        poolForm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open match pool")).click();
        expect(page.locator(".pool-list")).containsText("Chengdu Bakers");
        expect(page.locator(".pool-list")).containsText("¥500.00 per donor");
        expect(donorPage.locator(".pools")).containsText("Chengdu Bakers matches gifts 1:1");
        expect(donorPage.locator(".pools")).containsText("¥10,000.00");
        assertThat(donorPage.evaluate("() => window.sameDocument === true")).as("still the same page").isEqualTo(true);

        console.screenshot("console-campaign-live");
        console.screenshot("console-campaign-live-full", true);
        donorVisitor.screenshot("donor-sees-the-new-need");
        donorVisitor.screenshot("donor-sees-the-new-need-full", true);
        assertThat(BrowserSession.scriptErrors(console)).as("script errors in the coordinator's browser").isEmpty();
        assertThat(BrowserSession.scriptErrors(donorVisitor)).as("script errors in the donor's browser").isEmpty();
    }

    @Test
    void a_stale_revision_shows_the_current_version_and_keeps_the_coordinators_change_then_reconfirm_and_close_work(
            RunningStack stack, Browsers browsers) {
        String tag = tag();
        Relief relief = Relief.organise(stack.api().from(Loopback.next()), "Revising " + tag);
        Api api = relief.api();
        String campaignId = relief.campaign("Landslide in Wenchuan " + tag);
        String needId = relief.need(campaignId, "Water filter", 40, "EXACT");
        awaitFeed(api, "/api/v1/feed/needs?campaignId=" + campaignId, body -> body.contains(needId));

        Visitor console = browsers.desktop("en-US");
        Page page = console.page();
        BrowserSession.signIn(console, relief.coordinator(), "#/console/campaigns/" + campaignId);
        Locator need = page.locator("li[data-need-id='" + needId + "']");
        expect(progress(need, "0 of 40 piece reserved")).isVisible();

        need.locator("summary", new Locator.LocatorOptions().setHasText("Revise")).click();
        Locator revise = need.getByRole(AriaRole.FORM, new Locator.GetByRoleOptions().setName("Revise Water filter"));
        Locator quantity = revise.getByLabel("Quantity (piece)");
        expect(quantity).hasValue("40");

        // Someone else changes the need between loading the form and saving it.
        long version = Api.require(api.get("/api/v1/needs/" + needId, relief.coordinator().credential()), 200)
                .json().get("version").asLong();
        Api.require(api.send("PATCH", "/api/v1/needs/" + needId, relief.coordinator().credential(),
                Map.of("quantity", 60, "urgency", "CRITICAL"), Map.of("If-Match", "\"" + version + "\"")), 200);

        quantity.fill("50");
        revise.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes")).click();
        Locator conflict = revise.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions()
                .setHasText("Someone changed this need; here is the current version"));
        expect(conflict).containsText("60 piece");
        expect(conflict).containsText("Critical");
        expect(quantity).hasValue("50"); // the coordinator's change stays in the form
        expect(revise.getByLabel("Urgency")).hasValue("CRITICAL"); // a field they left takes the current value
        console.screenshot("revise-conflict");
        assertThat(Accessibility.seriousViolations(page)).as("axe on the revise conflict").isEmpty();
        JsonNode unchanged = api.get("/api/v1/needs/" + needId, relief.coordinator().credential()).json();
        assertThat(unchanged.get("requested").asInt()).as("the stale save changed nothing").isEqualTo(60);

        revise.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes")).click();
        expect(revise).containsText("Water filter: changes saved.");
        expect(conflict).isHidden();
        JsonNode revised = api.get("/api/v1/needs/" + needId, relief.coordinator().credential()).json();
        assertThat(revised.get("requested").asInt()).as("the second save applied the coordinator's quantity").isEqualTo(50);
        assertThat(revised.get("urgency").asText()).as("and kept the other person's urgency").isEqualTo("CRITICAL");
        expect(progress(need, "0 of 50 piece reserved")).isVisible();

        // Reconfirmed, then closed as fulfilled (after a confirmation), then the campaign closed.
        need.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reconfirm")).click();
        expect(page.locator("#announcer")).hasText("Water filter: reconfirmed as still needed.");
        need.getByLabel("Reason for closing").selectOption("FULFILLED");
        page.onceDialog(dialog -> dialog.accept());
        need.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close need")).click();
        expect(need.locator(".meta")).containsText("Closed");
        expect(need.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close need"))).hasCount(0);
        assertThat(api.get("/api/v1/needs/" + needId, Api.Credential.NONE).json().get("status").asText())
                .isEqualTo("CLOSED");
        page.onceDialog(dialog -> dialog.accept());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close campaign")).click();
        expect(page.locator(".campaign-header")).containsText("Closed");
        expect(form(page, "Post a need")).hasCount(0);
        assertThat(api.get("/api/v1/campaigns/" + campaignId, Api.Credential.NONE).json().get("status").asText())
                .isEqualTo("CLOSED");
        console.screenshot("closed-campaign");
    }

    @Test
    void a_delivery_recorded_in_the_console_shows_as_received_in_the_donors_gifts(RunningStack stack, Browsers browsers) {
        String tag = tag();
        Relief relief = Relief.organise(stack.api().from(Loopback.next()), "Deliver " + tag);
        Api api = relief.api();
        String campaignId = relief.campaign("Cold snap in Ganzi " + tag);
        String needId = relief.need(campaignId, "Wool blanket", 30, "APPROXIMATE");
        Api.Account donor = api.donor("Donor " + tag);
        String pledgeId = relief.pledge(donor, needId, 12, "ALL_OR_NOTHING").get("id").asText();
        relief.dispatch(donor, pledgeId);
        awaitFeed(api, "/api/v1/feed/needs?campaignId=" + campaignId, body -> body.contains("\"reserved\":12"));

        Visitor console = browsers.desktop("en-US");
        Page page = console.page();
        BrowserSession.signIn(console, relief.coordinator(), "#/console/campaigns/" + campaignId);
        Locator need = page.locator("li[data-need-id='" + needId + "']");
        expect(progress(need, "12 of 30 piece reserved")).isVisible();
        need.locator("summary", new Locator.LocatorOptions().setHasText("Pledges")).click();
        Locator pledge = need.getByRole(AriaRole.ARTICLE, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^Pledge of ")));
        expect(pledge).containsText("Dispatched");
        expect(pledge.getByLabel("Quantity received (piece)")).hasValue("12");
        pledge.getByLabel("Quantity received (piece)").fill("11");
        pledge.getByLabel("Note").fill("One blanket arrived wet");
        console.screenshot("record-delivery");
        pledge.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Record delivery")).click();

        expect(pledge).containsText("Received");
        expect(pledge).containsText("11 piece");
        expect(need.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuetext", Pattern.compile("11 delivered"));
        JsonNode delivered = Api.require(api.get("/api/v1/pledges/" + pledgeId, donor.credential()), 200).json();
        assertThat(delivered.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.get("quantityReceived").asInt()).isEqualTo(11);

        Visitor donorVisitor = browsers.phone("en-US");
        BrowserSession.signIn(donorVisitor, donor, "#/gifts");
        Locator gift = donorVisitor.page().getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Wool blanket"));
        expect(gift.locator("[aria-current=step]")).hasText("Received");
        expect(gift).containsText("11 piece");
        donorVisitor.screenshot("donor-gift-received");
    }

    @Test
    void a_donor_at_the_console_is_told_it_needs_the_coordinator_role(RunningStack stack, Browsers browsers) {
        Api api = stack.api().from(Loopback.next());
        Api.Account donor = api.donor("Donor " + tag());
        Visitor visitor = browsers.phone("en-US");
        BrowserSession.signIn(visitor, donor, "#/console");
        Page page = visitor.page();

        expect(heading(page, "Coordinator console")).isVisible();
        expect(page.locator(".role-needed")).containsText("The console needs the coordinator role");
        expect(page.locator(".role-needed")).containsText("sign out and sign in again");
        expect(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Console").setExact(true))).hasCount(0);
        visitor.settle();
        visitor.screenshot("console-for-a-donor");
        visitor.page().navigate("/#/admin");
        expect(heading(page, "Administration")).isVisible();
        expect(page.locator(".role-needed")).containsText("admin role");
        assertThat(BrowserSession.scriptErrors(visitor)).as("script errors").isEmpty();
    }

    @Test
    void the_console_passes_axe_on_a_phone_and_a_desktop_in_english_and_chinese(RunningStack stack, Browsers browsers) {
        String tag = tag();
        Relief relief = Relief.organise(stack.api().from(Loopback.next()), "Checked " + tag);
        Api api = relief.api();
        String campaignId = relief.campaign("Earthquake in Luding " + tag);
        String needId = relief.need(campaignId, "Family tent", 40, "APPROXIMATE");
        Api.Account donor = api.donor("Donor " + tag);
        String pledgeId = relief.pledge(donor, needId, 10, "ALL_OR_NOTHING").get("id").asText();
        relief.dispatch(donor, pledgeId);
        relief.matchPool(campaignId, 1_000_000, "CNY");
        Api.require(api.post("/api/v1/campaigns/" + campaignId + "/posts", relief.coordinator().credential(),
                Map.of("text", "Roads to Moxi are open again; tents are most needed.")), 201);
        awaitFeed(api, "/api/v1/feed/needs?campaignId=" + campaignId, body -> body.contains("\"reserved\":10"));

        for (String locale : new String[] {"en-US", "zh-CN"}) {
            for (Device device : Device.values()) {
                Visitor visitor = browsers.open(device, locale);
                Page page = visitor.page();
                String suffix = locale.equals("en-US") ? "" : "-zh";
                BrowserSession.signIn(visitor, relief.coordinator(), "#/console");
                expect(heading(page, locale.equals("en-US") ? "Coordinator console" : "协调员控制台")).isVisible();
                expect(page.locator(".campaign-list a")).hasCount(1);
                visitor.settle();
                visitor.screenshot("console-home" + suffix);
                assertThat(Accessibility.seriousViolations(page))
                        .as("serious accessibility violations on #/console (%s, %s)", device, locale).isEmpty();

                page.locator(".campaign-list a").click();
                Locator need = page.locator("li[data-need-id='" + needId + "']");
                expect(need.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "10");
                expect(liveState(page)).hasAttribute("data-state", "live");
                need.locator("summary").first().click();
                need.locator("summary").nth(1).click();
                // One card for the need (the pledges listed inside it are articles of their own).
                expect(need.locator(":scope > article")).hasCount(1);
                expect(need.locator("input[name=quantity]")).hasValue("40");
                visitor.settle();
                visitor.screenshot("console-campaign" + suffix);
                visitor.screenshot("console-campaign-full" + suffix, true);
                assertThat(Accessibility.seriousViolations(page))
                        .as("serious accessibility violations on a campaign's console (%s, %s)", device, locale).isEmpty();
                assertThat(BrowserSession.scriptErrors(visitor)).as("script errors (%s, %s)", device, locale).isEmpty();
            }
        }
    }

    // ----- helpers -----

    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    private static Locator heading(Page page, String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1));
    }

    private static Locator form(Page page, String name) {
        return page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName(name));
    }

    private static Locator liveState(Page page) {
        return page.getByRole(AriaRole.STATUS, new Page.GetByRoleOptions().setName("Live updates"))
                .or(page.getByRole(AriaRole.STATUS, new Page.GetByRoleOptions().setName("实时更新")));
    }

    private static Locator progress(Locator scope, String name) {
        return scope.getByRole(AriaRole.PROGRESSBAR, new Locator.GetByRoleOptions().setName(name));
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Waits until a public read answers 200 (the feed and donations-service hear of new things through Kafka). */
    private static void awaitFeed(Api api, String path) {
        awaitFeed(api, path, Api.Credential.NONE);
    }

    private static void awaitFeed(Api api, String path, Api.Credential who) {
        await().atMost(FEED_WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(api.get(path, who).status()).as("GET %s", path).isEqualTo(200));
    }

    private static void awaitFeed(Api api, String path, java.util.function.Predicate<String> body) {
        await().atMost(FEED_WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(body.test(api.get(path, Api.Credential.NONE).body()))
                        .as("GET %s as expected", path).isTrue());
    }
}
