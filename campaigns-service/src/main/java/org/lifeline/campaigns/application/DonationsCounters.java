package org.lifeline.campaigns.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.campaigns.domain.need.NeedCommand;
import org.lifeline.campaigns.domain.need.RecordDelivery;
import org.lifeline.campaigns.domain.need.RecordReservation;
import org.lifeline.campaigns.domain.need.ReleaseReservation;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.pledge.PledgeCancelled;
import org.lifeline.contracts.pledge.PledgeDelivered;
import org.lifeline.contracts.pledge.PledgeHoldExpired;
import org.lifeline.contracts.pledge.PledgeNoShowMarked;
import org.lifeline.contracts.pledge.PledgeReserved;
import org.lifeline.kernel.Rejected;
import org.lifeline.kernel.consumer.IncomingEvent;
import org.lifeline.kernel.consumer.PoisonEvent;
import org.lifeline.kernel.consumer.Projection;
import org.lifeline.kernel.outbox.OutboxSignal;

import java.io.IOException;
import java.util.List;

/**
 * Keeps each need's reserved and delivered counters true to donations-service's pledge ledger:
 * every reservation, release and delivery on {@code lifeline.donations.v1} becomes a need command
 * (the need's own mirror events follow, and with them FULLY_PLEDGED, OPEN again and FULFILLED).
 *
 * <p>The commands are idempotent per pledge and the event is recorded as applied in the same
 * transaction, so a redelivery changes nothing. A pledge event the need cannot take (an unknown
 * need, a reservation that contradicts the one already recorded) is dead-lettered with its reason.
 */
@ApplicationScoped
public class DonationsCounters implements Projection {

    private final NeedCommandHandler needs;
    private final OutboxSignal outbox;
    private final ObjectMapper json = ContractJson.mapper();

    public DonationsCounters(NeedCommandHandler needs, OutboxSignal outbox) {
        this.needs = needs;
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return "campaigns-need-counters";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.DONATIONS);
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, IncomingEvent event) {
        NeedCommand command = commandFor(event);
        if (command == null) {
            return Uni.createFrom().voidItem();
        }
        return needs.react(tx, command, event)
                .onFailure(Rejected.class)
                .transform(rejected -> new PoisonEvent(event.type() + " cannot be applied to need "
                        + command.needId() + ": " + rejected.getMessage(), rejected));
    }

    /** The need events appended in reaction go out at once. */
    @Override
    public void afterCommit() {
        outbox.poke();
    }

    /** Nothing of its own to forget: the counters live in the needs' streams, which a replay re-applies idempotently. */
    @Override
    public Uni<Void> reset(SqlConnection tx) {
        return Uni.createFrom().voidItem();
    }

    private NeedCommand commandFor(IncomingEvent event) {
        String type = event.type();
        if (PledgeReserved.TYPE.equals(type)) {
            PledgeReserved e = read(event, PledgeReserved.class);
            requireIds(event, e.needId(), e.pledgeId());
            return new RecordReservation(e.needId(), e.pledgeId(), e.reserved());
        }
        if (PledgeDelivered.TYPE.equals(type)) {
            PledgeDelivered e = read(event, PledgeDelivered.class);
            requireIds(event, e.needId(), e.pledgeId());
            return new RecordDelivery(e.needId(), e.pledgeId(), e.quantityReceived());
        }
        if (PledgeCancelled.TYPE.equals(type)) {
            PledgeCancelled e = read(event, PledgeCancelled.class);
            requireIds(event, e.needId(), e.pledgeId());
            return new ReleaseReservation(e.needId(), e.pledgeId());
        }
        if (PledgeHoldExpired.TYPE.equals(type)) {
            PledgeHoldExpired e = read(event, PledgeHoldExpired.class);
            requireIds(event, e.needId(), e.pledgeId());
            return new ReleaseReservation(e.needId(), e.pledgeId());
        }
        if (PledgeNoShowMarked.TYPE.equals(type)) {
            PledgeNoShowMarked e = read(event, PledgeNoShowMarked.class);
            requireIds(event, e.needId(), e.pledgeId());
            return new ReleaseReservation(e.needId(), e.pledgeId());
        }
        return null;
    }

    private <T extends Record> T read(IncomingEvent event, Class<T> type) {
        T read;
        try {
            read = json.readValue(event.data(), type);
        } catch (IOException e) {
            throw new PoisonEvent("unreadable " + event.type() + ": " + e.getMessage(), e);
        }
        return read;
    }

    private static void requireIds(IncomingEvent event, Object needId, Object pledgeId) {
        if (needId == null || pledgeId == null) {
            throw new PoisonEvent(event.type() + " without needId or pledgeId");
        }
    }
}
