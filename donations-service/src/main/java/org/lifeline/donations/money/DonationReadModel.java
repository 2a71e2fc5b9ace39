package org.lifeline.donations.money;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.domain.money.Donation;
import org.lifeline.donations.domain.money.Money;
import org.lifeline.support.PagePosition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code donations} table, written in the donation's commands' transactions. */
@ApplicationScoped
public class DonationReadModel {

    /** A row: the view, and who gave it (for authorisation only). */
    public record Stored(DonationView view, UUID donorId) { }

    private static final String UPSERT = """
            INSERT INTO donations (donation_id, campaign_id, donor_id, currency, amount, matched, match_pool_id,
                                   payment_ref, status, version, received_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
            ON CONFLICT (donation_id) DO UPDATE SET status = excluded.status, version = excluded.version,
                updated_at = excluded.updated_at
            """;

    public Uni<Void> save(SqlClient tx, Donation donation, Money matched, UUID matchPoolId, long version,
                          Instant now) {
        return tx.preparedQuery(UPSERT).execute(Tuple.tuple(Arrays.asList(donation.donationId(),
                        donation.campaignId(), donation.donorId(), donation.amount().currency(),
                        donation.amount().amount(), matched.amount(), matchPoolId, donation.paymentRef(),
                        donation.status().name(), version, now.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    public Uni<Optional<Stored>> find(SqlClient client, UUID donationId) {
        return client.preparedQuery("SELECT * FROM donations WHERE donation_id = $1")
                .execute(Tuple.of(donationId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next())));
    }

    /** Up to {@code limit} donations of a donor after {@code after} (null: from the newest), newest first. */
    public Uni<List<DonationView>> byDonor(SqlClient client, UUID donorId, PagePosition after, int limit) {
        return client.preparedQuery("SELECT * FROM donations WHERE donor_id = $1"
                        + " AND ($2::timestamptz IS NULL OR (received_at, donation_id) < ($2, $3::uuid))"
                        + " ORDER BY received_at DESC, donation_id DESC LIMIT $4")
                .execute(Tuple.tuple(Arrays.asList(donorId,
                        after == null ? null : after.at().atOffset(ZoneOffset.UTC), after == null ? null : after.id(),
                        limit)))
                .map(rows -> {
                    List<DonationView> views = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> views.add(row(row).view()));
                    return views;
                });
    }

    private static Stored row(Row row) {
        String currency = row.getString("currency");
        return new Stored(new DonationView(row.getUUID("donation_id"), row.getUUID("campaign_id"),
                new Money(row.getLong("amount"), currency), new Money(row.getLong("matched"), currency),
                row.getUUID("match_pool_id"), row.getString("status"), row.getString("payment_ref"),
                row.getOffsetDateTime("received_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
                row.getLong("version")), row.getUUID("donor_id"));
    }
}
