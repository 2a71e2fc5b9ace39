package org.lifeline.system;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;

/**
 * Signs a {@link Visitor} in. Through the UI ({@link #signInThroughTheForm}) where a test is about signing in; else
 * by putting an account's token where the web app keeps it (sessionStorage {@code lifeline.session}, the shape
 * {@code session.js} writes), which spends none of the gateway's sign-ins per address: the browser's requests all come
 * from 127.0.0.1, which every test class shares.
 */
final class BrowserSession {

    private BrowserSession() {
    }

    /** Opens the app and signs in with the account's token (fetched through the API), then goes to {@code hash}. */
    static void signIn(Visitor visitor, Api.Account account, String hash) {
        // The sign-in page reads nothing from the API: no request of it is left in flight by the reload below.
        visitor.open("/#/signin");
        visitor.page().evaluate("""
                ([token, email]) => {
                  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
                  const claims = JSON.parse(decodeURIComponent(Array.from(atob(part),
                      c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
                  sessionStorage.setItem('lifeline.session', JSON.stringify({
                    token, expiresAt: Date.now() + 50 * 60 * 1000, subject: claims.sub,
                    name: claims.name || email, email,
                    roles: Array.isArray(claims.groups) ? claims.groups : [],
                    organisations: Array.isArray(claims.orgs) ? claims.orgs : [],
                  }));
                }""", new String[] {account.token(), account.email()});
        // A fresh load of the app in the same tab (sessionStorage stays), so that it starts signed in, header and all.
        // Leaving for about:blank first keeps a request of the old page from being cut off half-way by a reload.
        visitor.page().navigate("about:blank");
        visitor.open("/" + hash);
    }

    /** Signs in through the sign-in page, as a person would, and waits until the header says so. */
    static void signInThroughTheForm(Visitor visitor, String email, String password) {
        Page page = visitor.page();
        visitor.open("/#/signin");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
    }

    /**
     * The console's errors but Chromium's "Failed to load resource" for an answer of 400 or more: those the page expects
     * and handles (a stale revision is a 409; a list an older server does not offer is a 405), and
     * {@link Visitor#failedRequests()} has them all.
     */
    static List<String> scriptErrors(Visitor visitor) {
        return visitor.consoleErrors().stream().filter(line -> !line.contains("Failed to load resource")).toList();
    }
}
