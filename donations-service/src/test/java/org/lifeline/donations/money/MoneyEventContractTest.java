package org.lifeline.donations.money;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.GoldenSamples;
import org.lifeline.contracts.IntegrationEvents;
import org.lifeline.donations.domain.money.CloseReason;
import org.lifeline.donations.domain.money.DonationEvent;
import org.lifeline.donations.domain.money.MatchPoolEvent;
import org.lifeline.donations.domain.money.Money;
import org.lifeline.donations.domain.offer.Coordinates;
import org.lifeline.donations.domain.offer.OfferEvent;
import org.lifeline.donations.domain.offer.Sector;
import org.lifeline.donations.offer.OfferHandler;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the money and offer streams publish has the golden samples' shape (docs/events.md), every optional
 * field filled in, and reads back into the contract records consumers use.
 */
class MoneyEventContractTest {

    private static final ObjectMapper JSON = ContractJson.mapper();
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();
    private static final Money CNY = new Money(20_000, "CNY");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(DonationHandler.STREAM_TYPE, new DonationEvent.DonationReceived(A, B, C, CNY, "wxpay-1")),
                Arguments.of(DonationHandler.STREAM_TYPE, new DonationEvent.DonationRefunded(A, B, CNY)),
                Arguments.of(MatchPoolStore.STREAM_TYPE, new MatchPoolEvent.MatchPoolOpened(A, B, C, "Tianfu",
                        new BigDecimal("1.0"), CNY, CNY, CNY, Instant.parse("2026-12-31T16:00:00Z"))),
                Arguments.of(MatchPoolStore.STREAM_TYPE, new MatchPoolEvent.MatchApplied(A, B, C, A, CNY, CNY, true,
                        CNY)),
                Arguments.of(MatchPoolStore.STREAM_TYPE, new MatchPoolEvent.MatchReversed(A, B, C, CNY, CNY)),
                Arguments.of(MatchPoolStore.STREAM_TYPE, new MatchPoolEvent.MatchPoolExhausted(A, B)),
                Arguments.of(MatchPoolStore.STREAM_TYPE, new MatchPoolEvent.MatchPoolClosed(A, B, CloseReason.ENDED,
                        CNY)),
                Arguments.of(OfferHandler.STREAM_TYPE, new OfferEvent.OfferSubmitted(A, B, Sector.WSH, "water", "case",
                        200, new Coordinates(30.66, 104.06), Instant.parse("2026-11-30T12:00:00Z"), 150)),
                Arguments.of(OfferHandler.STREAM_TYPE, new OfferEvent.MatchProposed(A,
                        List.of(new OfferEvent.Proposal(B, 0.92, 78.4)))),
                Arguments.of(OfferHandler.STREAM_TYPE, new OfferEvent.OfferAccepted(A, B, C, 200)),
                Arguments.of(OfferHandler.STREAM_TYPE, new OfferEvent.OfferWithdrawn(A)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void published_events_have_the_contract_shape(String streamType, Object event) throws Exception {
        String type = CloudEventTypes.of(streamType, event.getClass().getSimpleName(), 1);
        JsonNode published = JSON.readTree(JSON.writeValueAsString(event));

        assertThat(GoldenSamples.shape(published)).isEqualTo(GoldenSamples.shape(GoldenSamples.tree(type)));
        assertThat(IntegrationEvents.read(type, published.toString())).isPresent();
    }
}
