package io.chatguard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class UnnestInsertTest {
    private record Row(long id, String name, Instant at, String json) {
    }

    @Test
    void columnsAreNamedCastAndReadBackInTheOrderDeclared() {
        var insert = UnnestInsert.<Row>into("thing").bigint("id", Row::id).text("name", Row::name)
                .timestamptz("at", Row::at).jsonb("body", Row::json);

        assertThat(insert.sql("id")).isEqualTo("insert into thing (id, name, at, body) select id, name, at, body"
                + " from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as timestamptz[]), cast(? as jsonb[]))"
                + " with ordinality as r(id, name, at, body, batch_order) order by batch_order returning id");
        assertThat(insert.sql(null)).doesNotContain("returning");
    }

    @Test
    void addingAColumnLeavesTheDeclarationItExtendsAsItWas() {
        var base = UnnestInsert.<Row>into("thing").bigint("id", Row::id);
        base.text("name", Row::name);

        assertThat(base.sql("")).startsWith("insert into thing (id) select id from unnest(cast(? as bigint[]))");
    }
}
