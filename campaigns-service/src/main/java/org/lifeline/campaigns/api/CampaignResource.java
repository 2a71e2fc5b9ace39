package org.lifeline.campaigns.api;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lifeline.campaigns.application.Actor;
import org.lifeline.campaigns.application.CampaignCommandHandler;
import org.lifeline.campaigns.application.NeedCommandHandler;
import org.lifeline.campaigns.domain.need.PostNeed;
import org.lifeline.campaigns.projection.NeedView;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.CloseCampaign;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.OpenCampaign;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.PublishPost;
import org.lifeline.campaigns.domain.campaign.CampaignDetails;
import org.lifeline.campaigns.domain.campaign.CampaignStatus;
import org.lifeline.campaigns.projection.CampaignReadModel;
import org.lifeline.campaigns.projection.CampaignView;
import org.lifeline.campaigns.projection.PostView;
import org.lifeline.support.Caller;
import org.lifeline.support.CommandResponses;
import org.lifeline.support.IdempotencyKeys;
import org.lifeline.support.Page;
import org.lifeline.support.PagePosition;
import org.lifeline.support.ProblemException;
import org.lifeline.support.RequestIdFilter;
import org.lifeline.support.ValidIdempotencyKey;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Campaigns and their posts: coordinators write, anyone reads. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private static final String PATH = "/api/v1/campaigns";
    private static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final CampaignCommandHandler handler;
    private final NeedCommandHandler needs;
    private final CampaignReadModel readModel;
    private final Caller caller;
    private final IdempotencyKeys keys;
    private final Clock clock;

    public CampaignResource(CampaignCommandHandler handler, NeedCommandHandler needs, CampaignReadModel readModel,
                            Caller caller, IdempotencyKeys keys, Clock clock) {
        this.handler = handler;
        this.needs = needs;
        this.readModel = readModel;
        this.caller = caller;
        this.keys = keys;
        this.clock = clock;
    }

    @POST
    @Authenticated
    public Uni<Response> open(@NotNull @Valid OpenCampaignRequest body,
                              @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey,
                              @HeaderParam(RequestIdFilter.HEADER) String requestId) {
        Actor actor = Actor.of(caller);
        OpenCampaign command = new OpenCampaign(UUID.randomUUID(), body.organisationId(), body.kind(),
                new CampaignDetails(body.title(), body.region(), body.location().toCoordinates(), body.description(),
                        body.glide()), now());
        return handler.open(command, actor, requestId, keys.of(actor.subject(), idempotencyKey, "POST", PATH, body))
                .map(outcome -> {
                    CampaignView view = handler.read(outcome.response(), CampaignView.class);
                    return CommandResponses.respond(outcome).location(URI.create(PATH + "/" + view.id()))
                            .tag(Long.toString(view.version())).build();
                });
    }

    /** Campaigns newest first, optionally of one status and of one organisation (both filters may be combined). */
    @GET
    public Uni<Page<CampaignView>> list(@QueryParam("status") CampaignStatus status,
                                        @QueryParam("organisationId") @Pattern(regexp = UUID_PATTERN,
                                                message = "must be a UUID") String organisationId,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                        @QueryParam("cursor") String cursor) {
        PagePosition after = PagePosition.after(cursor);
        UUID organisation = organisationId == null ? null : UUID.fromString(organisationId);
        return readModel.list(status, organisation, after, limit + 1)
                .map(found -> Page.of(found, limit, campaign -> new PagePosition(campaign.openedAt(), campaign.id())));
    }

    @GET
    @Path("/{campaignId}")
    public Uni<Response> get(@PathParam("campaignId") UUID campaignId, @QueryParam("asOf") String asOf) {
        Uni<java.util.Optional<CampaignView>> found = asOf == null ? readModel.find(campaignId)
                : handler.asOf(campaignId, parseTime(asOf));
        return found.map(view -> view
                .map(v -> Response.ok(v).tag(Long.toString(v.version())).build())
                .orElseThrow(() -> notFound(campaignId)));
    }

    @POST
    @Path("/{campaignId}/posts")
    @Authenticated
    public Uni<Response> publishPost(@PathParam("campaignId") UUID campaignId,
                                     @NotNull @Valid PublishPostRequest body,
                                     @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey,
                                     @HeaderParam(RequestIdFilter.HEADER) String requestId) {
        Actor actor = Actor.of(caller);
        PublishPost command = new PublishPost(campaignId, UUID.randomUUID(), body.text(),
                body.location() == null ? null : body.location().toCoordinates(),
                body.mediaUrls() == null ? List.of() : body.mediaUrls(), now());
        String path = PATH + "/" + campaignId + "/posts";
        return handler.publishPost(command, actor, requestId,
                        keys.of(actor.subject(), idempotencyKey, "POST", path, body))
                .map(outcome -> {
                    PostView view = handler.read(outcome.response(), PostView.class);
                    return CommandResponses.respond(outcome).location(URI.create(path + "/" + view.id())).build();
                });
    }

    @POST
    @Path("/{campaignId}/needs")
    @Authenticated
    public Uni<Response> postNeed(@PathParam("campaignId") UUID campaignId,
                                  @NotNull @Valid PostNeedRequest body,
                                  @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey,
                                  @HeaderParam(RequestIdFilter.HEADER) String requestId) {
        Actor actor = Actor.of(caller);
        // The organisation comes from the campaign, in the handler.
        PostNeed command = new PostNeed(UUID.randomUUID(), campaignId, null, body.sector(), body.item(), body.unit(),
                body.quantity(), body.urgency(), body.site().toSite(), body.neededBy());
        String path = PATH + "/" + campaignId + "/needs";
        return needs.post(command, actor, requestId, keys.of(actor.subject(), idempotencyKey, "POST", path, body))
                .map(outcome -> {
                    NeedView view = needs.read(outcome.response(), NeedView.class);
                    return CommandResponses.respond(outcome).location(URI.create(NeedResource.PATH + "/" + view.id()))
                            .tag(Long.toString(view.version())).build();
                });
    }

    @POST
    @Path("/{campaignId}/close")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> close(@PathParam("campaignId") UUID campaignId,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey,
                               @HeaderParam(RequestIdFilter.HEADER) String requestId) {
        Actor actor = Actor.of(caller);
        String path = PATH + "/" + campaignId + "/close";
        Long expected = CommandResponses.expectedVersion(ifMatch);
        return handler.close(new CloseCampaign(campaignId, now()), expected, actor, requestId,
                        keys.of(actor.subject(), idempotencyKey, "POST", path, ""))
                .map(outcome -> {
                    CampaignView view = handler.read(outcome.response(), CampaignView.class);
                    return CommandResponses.respond(outcome).tag(Long.toString(view.version())).build();
                });
    }

    static Instant parseTime(String asOf) {
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "Bad Request", "asOf must be an RFC 3339 time such as 2026-11-21T08:30:00Z.");
        }
    }

    private static ProblemException notFound(UUID campaignId) {
        return new ProblemException(404, "Not Found", "There is no campaign " + campaignId + ".");
    }

    // The service's clock (microseconds: what PostgreSQL keeps, so times and list cursors read back exactly as written).
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
