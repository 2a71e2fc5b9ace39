package org.lifeline.system;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

/**
 * What a donor does in the web app, by the accessible names the web README lists (English unless a method says
 * otherwise): sign in through the form, open a campaign and wait for its live stream, find a need's card.
 */
final class DonorPages {

    /** How long a live update (Kafka, the feed's projection, the SSE stream) may take on a loaded machine. */
    static final double LIVE_MS = 30_000;

    static {
        // Playwright's assertions wait 5 s by default: too short for this shared, loaded machine.
        PlaywrightAssertions.setDefaultAssertionTimeout(Visitor.ACTION_TIMEOUT_MS);
    }

    private DonorPages() {
    }

    /** Playwright's auto-waiting assertions on a locator (beside AssertJ's {@code assertThat}). */
    static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    static PageAssertions expect(Page page) {
        return PlaywrightAssertions.assertThat(page);
    }

    static Locator.GetByRoleOptions named(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    static Page.GetByRoleOptions name(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    static LocatorAssertions.IsVisibleOptions visibleWithin(double ms) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(ms);
    }

    /** Opens the web app at {@code hash} (such as "#/gifts") as a fresh page load. */
    static void open(Visitor visitor, String hash) {
        visitor.open("/" + hash);
    }

    /** Moves to {@code hash} inside the app, as a link would (no reload). */
    static void go(Visitor visitor, String hash) {
        visitor.page().evaluate("hash => { location.hash = hash; }", hash);
    }

    /**
     * Signs in through the navigation's "Sign in" link and the sign-in form, as a person would, and waits until the
     * navigation offers "Sign out". The app returns to the page the visitor came from.
     */
    static void signIn(Visitor visitor, Api.Account account) {
        signIn(visitor, account, "Main", "Sign in", "Email", "Password", "Sign out");
    }

    /** The same, in Simplified Chinese. */
    static void signInChinese(Visitor visitor, Api.Account account) {
        signIn(visitor, account, "Main", "登录", "电子邮箱", "密码", "退出登录");
    }

    private static void signIn(Visitor visitor, Api.Account account, String nav, String signIn, String email,
                               String password, String signOut) {
        Page page = visitor.page();
        page.getByRole(AriaRole.NAVIGATION, name(nav)).getByRole(AriaRole.LINK, named(signIn)).click();
        page.getByLabel(email, new Page.GetByLabelOptions().setExact(true)).fill(account.email());
        page.getByLabel(password, new Page.GetByLabelOptions().setExact(true)).fill(account.password());
        page.getByRole(AriaRole.MAIN).getByRole(AriaRole.BUTTON, named(signIn)).click();
        expect(page.getByRole(AriaRole.NAVIGATION, name(nav)).getByRole(AriaRole.BUTTON, named(signOut)))
                .isVisible(visibleWithin(LIVE_MS));
    }

    /** Opens the campaign's page (a fresh page load) and waits until its data has arrived and its stream is live. */
    static void openCampaign(Visitor visitor, String campaignId) {
        open(visitor, "#/campaigns/" + campaignId);
        awaitCampaign(visitor);
    }

    /** Waits until the campaign page shown has its data and a live stream. */
    static void awaitCampaign(Visitor visitor) {
        Page page = visitor.page();
        expect(page.locator(".live-state")).hasAttribute("data-state", "live",
                new LocatorAssertions.HasAttributeOptions().setTimeout(LIVE_MS));
        expect(page.locator("ul.needs")).not().hasAttribute("aria-busy", "true",
                new LocatorAssertions.HasAttributeOptions().setTimeout(LIVE_MS));
        visitor.settle();
    }

    /**
     * The visitor's failed requests but the live streams the app closed itself on leaving a campaign page (an
     * EventSource closed by the page shows as net::ERR_ABORTED).
     */
    static java.util.List<String> failedRequests(Visitor visitor) {
        return visitor.failedRequests().stream()
                .filter(line -> !(line.contains("/api/v1/feed/stream?") && line.endsWith("net::ERR_ABORTED")))
                .toList();
    }

    /** The card of one need on the campaign page: {@code li[data-need-id]}, holding the article named by its item. */
    static Locator needCard(Page page, String needId) {
        return page.locator("li[data-need-id='" + needId + "']");
    }

    /** The progress bar of one need's card. */
    static Locator progress(Page page, String needId) {
        return needCard(page, needId).getByRole(AriaRole.PROGRESSBAR);
    }
}
