package org.lifeline.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Seeds a realistic earthquake response through the gateway's public API, as the admin, a coordinator and four
 * donors would make it by hand: an organisation, the campaign "Luding earthquake response" with situation posts,
 * a dozen needs across IASC sectors at shelters, a clinic, relief points and a warehouse, a match pool, pledges at
 * every stage from reserved to delivered, donations (some matched) and an offer of goods.
 *
 * <p>Seeding again changes nothing: every write carries an {@code Idempotency-Key} named for what it makes, and
 * its body is the same each time (times count from the campaign's opening), so the API answers a replay of the
 * first response. Other data on the stack is left alone. Run it with {@code deploy/local.sh --demo} (after the
 * start) or {@code deploy/local.sh demo} (against the running stack).
 */
public final class DemoData {

    public static final String CAMPAIGN_TITLE = "Luding earthquake response";
    public static final String ORGANISATION = "Sichuan Mountain Relief Alliance (demo)";
    /** Prefixes every Idempotency-Key the demo sends; a new version of the data gets a new prefix. */
    static final String KEY_PREFIX = "lifeline-demo/v1/";
    static final String CURRENCY = "CNY";

    /** A demo account: anyone may sign in with it, so its password is no secret. */
    public record Person(String email, String password, String displayName) { }

    public static final Person COORDINATOR = new Person("coordinator@demo.lifeline.local", "lifeline-demo-coordinator",
            "Zhou Lan");
    public static final Person MEI = new Person("li.mei@demo.lifeline.local", "lifeline-demo-donor", "Li Mei");
    public static final Person JUN = new Person("wang.jun@demo.lifeline.local", "lifeline-demo-donor", "Wang Jun");
    public static final Person XIU = new Person("chen.xiu@demo.lifeline.local", "lifeline-demo-donor", "Chen Xiu");
    public static final Person BUILDERS = new Person("zhang.wei@demo.lifeline.local", "lifeline-demo-donor",
            "Zhang Wei (Chengdu Builders' Association)");
    public static final List<Person> DONORS = List.of(MEI, JUN, XIU, BUILDERS);

    enum Privacy { EXACT, APPROXIMATE }

    record Site(String name, double lat, double lon, Privacy privacy) { }

    // Shelters and the clinic house people: their sites are shown rounded. Relief points and depots are public.
    static final Site MOXI_SCHOOL = new Site("Moxi Middle School shelter", 29.6512, 102.1199, Privacy.APPROXIMATE);
    static final Site MOXI_CLINIC = new Site("Moxi town health centre", 29.6478, 102.1153, Privacy.APPROXIMATE);
    static final Site CAOKE_SHELTER = new Site("Caoke township school shelter", 29.3567, 102.1860, Privacy.APPROXIMATE);
    static final Site DETUO_POINT = new Site("Detuo relief distribution point", 29.4702, 102.1681, Privacy.EXACT);
    static final Site WANDONG_KITCHEN = new Site("Wandong village field kitchen", 29.5403, 102.1105, Privacy.EXACT);
    static final Site LUDING_DEPOT = new Site("Luding county relief warehouse", 29.9146, 102.2337, Privacy.EXACT);

    record Need(String key, String sector, String item, String unit, int quantity, String urgency, Site site,
            Duration neededIn) { }

    static final List<Need> NEEDS = List.of(
            new Need("tents", "SHL", "Family tent (4 persons)", "piece", 800, "CRITICAL", MOXI_SCHOOL, Duration.ofDays(3)),
            new Need("tarpaulins", "SHL", "Tarpaulin 4 x 6 m", "piece", 1500, "HIGH", DETUO_POINT, Duration.ofDays(5)),
            new Need("blankets", "SHL", "Winter blanket", "piece", 3000, "CRITICAL", CAOKE_SHELTER, Duration.ofDays(4)),
            new Need("water", "WSH", "Bottled drinking water", "litre", 20000, "CRITICAL", WANDONG_KITCHEN,
                    Duration.ofDays(2)),
            new Need("hygiene-kits", "WSH", "Family hygiene kit", "kit", 1200, "HIGH", MOXI_SCHOOL, Duration.ofDays(7)),
            new Need("meals", "FSC", "Ready-to-eat meal", "ration", 10000, "HIGH", WANDONG_KITCHEN, Duration.ofDays(3)),
            new Need("insulin", "HEA", "Insulin, rapid-acting (cold chain)", "vial", 300, "CRITICAL", MOXI_CLINIC,
                    Duration.ofDays(2)),
            new Need("first-aid", "HEA", "First aid kit", "kit", 400, "HIGH", MOXI_CLINIC, Duration.ofDays(5)),
            new Need("formula", "NUT", "Infant formula, stage 1", "tin", 600, "HIGH", CAOKE_SHELTER, Duration.ofDays(6)),
            new Need("diesel", "LOG", "Diesel for generators", "litre", 5000, "MEDIUM", LUDING_DEPOT, Duration.ofDays(7)),
            new Need("sat-phones", "TEL", "Satellite phone", "piece", 20, "MEDIUM", LUDING_DEPOT, Duration.ofDays(10)),
            new Need("school-kits", "EDU", "School-in-a-box kit", "kit", 40, "LOW", MOXI_SCHOOL, Duration.ofDays(21)));

    /** A situation post, and the needs the coordinator posts right after it (so the timeline reads as a story). */
    record Post(String key, String text, double lat, double lon, List<String> needs) { }

    static final List<Post> POSTS = List.of(
            new Post("quake", "A magnitude 6.8 earthquake struck Luding County, Garze, at 12:52 local time, 16 km deep, "
                    + "with its epicentre near Moxi town. Landslides have cut the S211 road between Moxi and Detuo. "
                    + "This campaign coordinates the relief: every need below is checked by our team on site.",
                    29.59, 102.08, List.of()),
            new Post("moxi", "Assessment teams reached Moxi: about 4,000 people are sleeping in the open or on the "
                    + "sports ground of the middle school. Family tents, drinking water and hot meals come first.",
                    29.6512, 102.1199, List.of("tents", "water", "meals", "hygiene-kits", "school-kits")),
            new Post("clinic", "Moxi town health centre is treating 37 injured people, and about 60 patients with "
                    + "diabetes lost their insulin in collapsed homes. A cold chain is set up at the centre: please "
                    + "drop insulin off there rather than post it.", 29.6478, 102.1153, List.of("insulin", "first-aid")),
            new Post("road", "The road to Detuo reopened for light vehicles at 06:00. Heavy trucks go to the Luding "
                    + "county relief warehouse, where our logistics team repacks loads for the last 30 km.",
                    29.9146, 102.2337, List.of("tarpaulins", "diesel", "sat-phones")),
            new Post("caoke", "Night temperatures at the Caoke township shelter are down to 2 degrees. Families there "
                    + "need winter blankets and infant formula most.", 29.3567, 102.1860, List.of("blankets", "formula")));

    /** Published last, once the pledges it thanks for are in. */
    static final Post THANKS = new Post("thanks", "Thank you: the first 200 family tents were unloaded at Moxi Middle "
            + "School this morning and are going up now, and 2,000 meals reached the Wandong field kitchen. Water and "
            + "tarpaulins are on their way to Wandong and Detuo.", 29.6512, 102.1199, List.of());

    enum Stage { RESERVED, CONFIRMED, IN_TRANSIT, DELIVERED }

    record Pledge(String key, Person donor, String need, int quantity, Stage stage, String method, Duration etaIn,
            String carrier, String trackingRef, String note) { }

    static final List<Pledge> PLEDGES = List.of(
            new Pledge("mei-tents", MEI, "tents", 200, Stage.DELIVERED, "SHIPMENT", Duration.ofDays(1), "SF Express",
                    "SF1402387765012", "From our village in Ya'an"),
            new Pledge("mei-school-kits", MEI, "school-kits", 40, Stage.DELIVERED, "DROP_OFF", Duration.ofDays(1),
                    null, null, "From the parents of Chengdu No. 7 primary school"),
            new Pledge("mei-hygiene", MEI, "hygiene-kits", 150, Stage.CONFIRMED, "DROP_OFF", Duration.ofDays(3), null,
                    null, null),
            new Pledge("jun-meals", JUN, "meals", 2000, Stage.DELIVERED, "PICKUP", Duration.ofDays(1), "Wang family van",
                    null, null),
            new Pledge("jun-blankets", JUN, "blankets", 500, Stage.CONFIRMED, "DROP_OFF", Duration.ofDays(2), null, null,
                    null),
            new Pledge("xiu-water", XIU, "water", 5000, Stage.IN_TRANSIT, "SHIPMENT", Duration.ofDays(2),
                    "Deppon Logistics", "DPK7730019284", null),
            new Pledge("xiu-insulin", XIU, "insulin", 50, Stage.RESERVED, null, null, null, null,
                    "Pharmacy in Chengdu, cold boxes ready"),
            new Pledge("builders-tarpaulins", BUILDERS, "tarpaulins", 300, Stage.IN_TRANSIT, "SHIPMENT",
                    Duration.ofDays(2), "ZTO Express", "ZTO5521908833", null),
            new Pledge("builders-sat-phones", BUILDERS, "sat-phones", 20, Stage.RESERVED, null, null, null, null, null),
            new Pledge("builders-diesel", BUILDERS, "diesel", 1200, Stage.CONFIRMED, "SHIPMENT", Duration.ofDays(4),
                    null, null, null));

    record Donation(String key, Person donor, long amountFen, String paymentRef) { }

    static final List<Donation> DONATIONS = List.of(
            new Donation("mei-1", MEI, 50_000, "WXPAY-DEMO-0001"),
            new Donation("jun-1", JUN, 20_000, "ALIPAY-DEMO-0002"),
            new Donation("xiu-1", XIU, 100_000, "WXPAY-DEMO-0003"),
            new Donation("builders-1", BUILDERS, 800_000, "BANK-DEMO-0004"),
            new Donation("mei-2", MEI, 8_800, "WXPAY-DEMO-0005"));

    /** What one seeding did: the campaign and how many writes made something new or found it already made. */
    public record Outcome(String campaignId, String organisationId, String matchPoolId, int created,
            int alreadyThere) {

        public String summary() {
            return "\"%s\": %d needs, %d posts, a match pool, %d donors with %d pledges and %d donations (%s)".formatted(
                    CAMPAIGN_TITLE, NEEDS.size(), POSTS.size() + 1, DONORS.size(), PLEDGES.size(), DONATIONS.size(),
                    created == 0 ? "already seeded, nothing added"
                            : "%d writes, %d of them already done before".formatted(created + alreadyThere, alreadyThere));
        }
    }

    /** Seeding stopped: the API refused a write, or did not answer in time. */
    public static final class SeedingFailed extends Exception {
        SeedingFailed(String message) {
            super(message);
        }

        SeedingFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A write that names a need or campaign a service has not heard of yet (its event is on the way) is tried again. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI gateway;
    private final AdminCredentials admin;
    private final Consumer<String> progress;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private int created;
    private int alreadyThere;

    /** A seeder for the gateway at {@code gateway} (such as {@code http://localhost:8080/}), signing in as {@code admin}. */
    public DemoData(URI gateway, AdminCredentials admin, Consumer<String> progress) {
        this.gateway = gateway;
        this.admin = admin;
        this.progress = progress;
    }

    /** Seeds what is not there yet, then waits (up to a minute) until the relief feed shows the campaign's totals. */
    public synchronized Outcome seed() throws SeedingFailed, InterruptedException {
        created = 0;
        alreadyThere = 0;
        String adminToken = token(admin.email(), admin.password());
        String organisationId = write("/api/v1/organisations", adminToken, "organisation",
                Map.of("name", ORGANISATION)).get("id").asText();

        register(COORDINATOR);
        write("/api/v1/organisations/" + organisationId + "/coordinators", adminToken, "coordinator",
                Map.of("email", COORDINATOR.email()));
        String coordinator = token(COORDINATOR.email(), COORDINATOR.password());
        Map<Person, String> donors = new LinkedHashMap<>();
        for (Person donor : DONORS) {
            register(donor);
            donors.put(donor, token(donor.email(), donor.password()));
        }

        ObjectNode campaign = JSON.createObjectNode().put("organisationId", organisationId).put("title", CAMPAIGN_TITLE)
                .put("kind", "EARTHQUAKE").put("region", "Luding County, Garze, Sichuan")
                .put("description", "Shelter, water, food and medical care for the villages around Moxi, Detuo "
                        + "and Caoke after the earthquake. Demo data seeded by deploy/local.sh --demo.")
                .put("glide", "EQ-2026-000187-CHN");
        campaign.putObject("location").put("lat", 29.59).put("lon", 102.08);
        JsonNode opened = write("/api/v1/campaigns", coordinator, "campaign", campaign);
        String campaignId = opened.get("id").asText();
        // Every time in the demo counts from the campaign's opening, so that a second seeding sends the same bodies.
        Instant openedAt = Instant.parse(opened.get("openedAt").asText());
        progress.accept("Campaign \"" + CAMPAIGN_TITLE + "\" " + campaignId);

        String campaignPath = "/api/v1/campaigns/" + campaignId;
        Map<String, String> needIds = new LinkedHashMap<>();
        for (Post post : POSTS) {
            publish(campaignPath, coordinator, post);
            for (String key : post.needs()) {
                Need need = need(key);
                ObjectNode body = JSON.createObjectNode().put("sector", need.sector()).put("item", need.item())
                        .put("unit", need.unit()).put("quantity", need.quantity()).put("urgency", need.urgency())
                        .put("neededBy", openedAt.plus(need.neededIn()).toString());
                body.putObject("site").put("name", need.site().name()).put("lat", need.site().lat())
                        .put("lon", need.site().lon()).put("privacy", need.site().privacy().name());
                needIds.put(key, write(campaignPath + "/needs", coordinator, "need/" + key, body).get("id").asText());
            }
        }
        progress.accept("%d situation posts, each followed by its needs (%d)".formatted(POSTS.size(), needIds.size()));

        ObjectNode pool = JSON.createObjectNode().put("sponsor", "Chengdu Tianfu Community Foundation").put("ratio", 1.0)
                .put("endsAt", openedAt.plus(Duration.ofDays(30)).toString());
        pool.set("pool", money(50_000_000));
        pool.set("perDonorCap", money(500_000));
        pool.set("minGift", money(1_000));
        String poolId = write(campaignPath + "/match-pools", coordinator, "match-pool", pool).get("id").asText();
        progress.accept("Match pool " + poolId + " (1:1 up to 500,000 CNY)");

        for (Pledge pledge : PLEDGES) {
            pledge(pledge, donors.get(pledge.donor()), coordinator, needIds.get(pledge.need()), openedAt);
        }
        for (Donation donation : DONATIONS) {
            ObjectNode body = JSON.createObjectNode().put("campaignId", campaignId).put("paymentRef", donation.paymentRef());
            body.set("amount", money(donation.amountFen()));
            write("/api/v1/donations", donors.get(donation.donor()), "donation/" + donation.key(), body);
        }
        ObjectNode offer = JSON.createObjectNode().put("sector", "WSH").put("item", "Family hygiene kit").put("unit", "kit")
                .put("quantity", 250).put("availableUntil", openedAt.plus(Duration.ofDays(14)).toString())
                .put("maxDistanceKm", 400);
        offer.putObject("location").put("lat", 30.6598).put("lon", 104.0633);
        write("/api/v1/offers", donors.get(BUILDERS), "offer/hygiene-kits", offer);
        publish(campaignPath, coordinator, THANKS);
        progress.accept("%d pledges, %d donations, an offer of goods, a thank-you post".formatted(PLEDGES.size(), DONATIONS.size()));

        awaitFeed(campaignId);
        return new Outcome(campaignId, organisationId, poolId, created, alreadyThere);
    }

    private void publish(String campaignPath, String coordinator, Post post) throws SeedingFailed, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("text", post.text());
        body.putObject("location").put("lat", post.lat()).put("lon", post.lon());
        write(campaignPath + "/posts", coordinator, "post/" + post.key(), body);
    }

    static Need need(String key) {
        return NEEDS.stream().filter(need -> need.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo need " + key));
    }

    private void pledge(Pledge pledge, String donor, String coordinator, String needId, Instant openedAt)
            throws SeedingFailed, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("needId", needId).put("quantity", pledge.quantity())
                .put("policy", "ALL_OR_NOTHING");
        if (pledge.note() != null) {
            body.put("note", pledge.note());
        }
        String key = "pledge/" + pledge.key();
        String id = write("/api/v1/pledges", donor, key, body).get("id").asText();
        String path = "/api/v1/pledges/" + id;
        if (pledge.stage().compareTo(Stage.CONFIRMED) >= 0) {
            write(path + "/confirm", donor, key + "/confirm", JSON.createObjectNode().put("method", pledge.method())
                    .put("eta", openedAt.plus(pledge.etaIn()).toString()));
        }
        if (pledge.stage().compareTo(Stage.IN_TRANSIT) >= 0) {
            ObjectNode dispatch = JSON.createObjectNode();
            if (pledge.carrier() != null) {
                dispatch.put("carrier", pledge.carrier());
            }
            if (pledge.trackingRef() != null) {
                dispatch.put("trackingRef", pledge.trackingRef());
            }
            write(path + "/dispatch", donor, key + "/dispatch", dispatch);
        }
        if (pledge.stage() == Stage.DELIVERED) {
            write(path + "/deliver", coordinator, key + "/deliver", JSON.createObjectNode()
                    .put("quantityReceived", pledge.quantity()).put("note", "Received and counted at the site"));
        }
    }

    /** Registers the account (a registration of an email already taken answers 201 as well), replayed by its key. */
    private void register(Person person) throws SeedingFailed, InterruptedException {
        write("/api/v1/auth/register", null, "account/" + person.email(), Map.of("email", person.email(),
                "password", person.password(), "displayName", person.displayName()));
    }

    private String token(String email, String password) throws SeedingFailed, InterruptedException {
        HttpResponse<String> response = send("POST", "/api/v1/auth/token", null, null,
                Map.of("email", email, "password", password));
        if (response.statusCode() == 401) {
            throw new SeedingFailed("Cannot sign in as " + email + ": the account exists with another password "
                    + "(the demo needs its own accounts; use another data folder, LIFELINE_HOME)");
        }
        return answer(response, "sign-in of " + email).get("accessToken").asText();
    }

    /** POSTs with an Idempotency-Key named for what it makes; counts whether it was made now or replayed. */
    private JsonNode write(String path, String bearer, String what, Object body) throws SeedingFailed, InterruptedException {
        HttpResponse<String> response = send("POST", path, bearer, KEY_PREFIX + what, body);
        JsonNode json = answer(response, what);
        if (response.headers().firstValue("Idempotent-Replayed").filter("true"::equalsIgnoreCase).isPresent()) {
            alreadyThere++;
        } else {
            created++;
        }
        return json;
    }

    /**
     * Sends until the answer is neither 404 (a campaign or need whose event has not reached the service yet) nor
     * 429 or 503 (come back later), for up to a minute.
     */
    private HttpResponse<String> send(String method, String path, String bearer, String idempotencyKey, Object body)
            throws SeedingFailed, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        request.method(method, HttpRequest.BodyPublishers.ofString(text));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new SeedingFailed("%s %s: %s (is the stack running at %s?)".formatted(method, path, e, gateway), e);
            }
            int status = response.statusCode();
            if ((status != 404 && status != 429 && status != 503) || System.nanoTime() - deadline >= 0) {
                return response;
            }
            long retryAfter = response.headers().firstValue("Retry-After").map(DemoData::seconds).orElse(0L);
            Thread.sleep(Math.max(250, Math.min(retryAfter * 1000, 5000)));
        }
    }

    private static JsonNode answer(HttpResponse<String> response, String what) throws SeedingFailed {
        int status = response.statusCode();
        if (status == 409 && response.request().headers().firstValue("Idempotency-Key").isPresent()
                && problem(response.body()).toLowerCase(java.util.Locale.ROOT).contains("idempotency")) {
            throw new SeedingFailed(("The stack holds another version of the demo's %s (same Idempotency-Key, another "
                    + "body): seed a fresh data folder (LIFELINE_HOME) instead").formatted(what));
        }
        if (status < 200 || status > 299) {
            throw new SeedingFailed("The API refused the demo's %s: %d %s".formatted(what, status, problem(response.body())));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SeedingFailed("The API answered the demo's " + what + " with something other than JSON: "
                    + response.body(), e);
        }
    }

    /**
     * Waits until the relief feed (which follows the services' events) shows every need of the campaign and the
     * money raised, so that the page a newcomer opens next is full.
     */
    private void awaitFeed(String campaignId) throws SeedingFailed, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String seen = "nothing";
        while (System.nanoTime() - deadline < 0) {
            Optional<JsonNode> feed = read("/api/v1/feed/campaigns/" + campaignId);
            Optional<JsonNode> needs = read("/api/v1/feed/needs?campaignId=" + campaignId + "&limit=200");
            if (feed.isPresent() && needs.isPresent()) {
                JsonNode totals = feed.get().path("totals");
                int needCount = needs.get().path("items").size();
                long delivered = totals.path("unitsDelivered").asLong();
                seen = "%d needs, totals %s".formatted(needCount, totals);
                if (needCount >= NEEDS.size() && delivered > 0 && raised(totals) > 0) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new SeedingFailed("The relief feed did not show the demo campaign within %d s (it shows %s)"
                .formatted(PATIENCE.toSeconds(), seen));
    }

    /** The amount raised in {@value #CURRENCY}, whether the feed writes money as one object or a list of them. */
    static long raised(JsonNode totals) {
        JsonNode raised = totals.path("raised");
        if (raised.isArray()) {
            long sum = 0;
            for (JsonNode money : raised) {
                if (CURRENCY.equals(money.path("currency").asText())) {
                    sum += money.path("amount").asLong();
                }
            }
            return sum;
        }
        return raised.path("amount").asLong();
    }

    private Optional<JsonNode> read(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode money(long amount) {
        return JSON.createObjectNode().put("amount", amount).put("currency", CURRENCY);
    }

    private static String problem(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            String detail = problem.path("detail").asText(problem.path("title").asText(""));
            return problem.has("errors") ? detail + " " + problem.get("errors") : detail;
        } catch (IOException e) {
            return body.length() > 300 ? body.substring(0, 300) + "…" : body;
        }
    }

    private static long seconds(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The lines that tell a newcomer where to look and how to sign in. */
    public static List<String> welcome(URI gateway) {
        List<String> lines = new ArrayList<>();
        lines.add("Open " + gateway + " in a browser: the campaign \"" + CAMPAIGN_TITLE + "\" is live.");
        lines.add("Sign in as");
        lines.add("  coordinator  %s / %s".formatted(COORDINATOR.email(), COORDINATOR.password()));
        for (Person donor : DONORS) {
            lines.add("  donor        %s / %s".formatted(donor.email(), donor.password()));
        }
        lines.add("(demo accounts with known passwords: do not seed a stack other people can reach)");
        return lines;
    }

    // ----- deploy/local.sh demo -----

    /**
     * {@code deploy/local.sh demo} seeds the running local stack (the gateway on {@code LIFELINE_PORT}, 8080, as the
     * admin of {@code LIFELINE_HOME}). Exit code 0 when seeded (or already seeded), 1 when seeding failed, 2 when it
     * could not start.
     */
    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws InterruptedException {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println("""
                        Usage: deploy/local.sh demo
                        Seeds the running local stack with a realistic earthquake response ("%s": posts, a dozen \
                        needs, a match pool, donors with pledges and donations) through the public API, as the \
                        admin of the stack's data folder (LIFELINE_HOME, or LIFELINE_ADMIN_EMAIL and \
                        LIFELINE_ADMIN_PASSWORD). Seeding again adds nothing. Exit code 0: seeded; 1: seeding \
                        failed; 2: could not start.""".formatted(CAMPAIGN_TITLE));
                return 0;
            }
            err.println("demo: unknown option '" + arg + "' (try --help)");
            return 2;
        }
        StackLayout layout;
        Optional<AdminCredentials> admin;
        try {
            layout = StackLayout.fromEnvironment(Path.of(""), env);
            admin = AdminCredentials.existing(layout.home(), env);
        } catch (IllegalArgumentException | IOException e) {
            err.println("demo: " + e.getMessage());
            return 2;
        }
        if (admin.isEmpty()) {
            err.println("demo: no admin password in " + layout.home().resolve("admin-password")
                    + ": start the stack first (deploy/local.sh), or set LIFELINE_HOME to its data folder");
            return 2;
        }
        URI gateway = LocalStack.gatewayUrl(layout, env);
        try {
            Outcome outcome = new DemoData(gateway, admin.get(), out::println).seed();
            out.println("Demo data " + outcome.summary());
        } catch (SeedingFailed e) {
            err.println("demo: " + e.getMessage());
            return 1;
        }
        welcome(gateway).forEach(out::println);
        return 0;
    }
}
