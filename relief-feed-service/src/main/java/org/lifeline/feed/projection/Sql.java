package org.lifeline.feed.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/** Small helpers for the projection's statements (JSON goes in as text: {@code $n::text::jsonb}). */
final class Sql {

    private Sql() {
    }

    static Uni<RowSet<Row>> run(SqlClient client, String sql, Object... args) {
        return client.preparedQuery(sql).execute(Tuple.tuple(Arrays.asList(args)));
    }

    static Uni<Void> exec(SqlClient client, String sql, Object... args) {
        return run(client, sql, args).replaceWithVoid();
    }

    /** The first row's {@code data} column (selected as text), if there is a row. */
    static Uni<Optional<String>> data(SqlClient client, String sql, Object... args) {
        return run(client, sql, args).map(rows -> rows.rowCount() == 0 ? Optional.empty()
                : Optional.of(rows.iterator().next().getString("data")));
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
