package io.queryflux.protocol.pg.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DatabaseQualifiersTest {
    @Test
    void theConnectionsDatabaseIsDroppedFromThreePartNames() {
        assertEquals("create view \"main\".\"v\" as (select * from main.t)",
                DatabaseQualifiers.strip("create view \"duck\".\"main\".\"v\" as (select * from DUCK . main.t)", "duck"));
        assertEquals("select main.t.id from main.t", DatabaseQualifiers.strip("select duck.main.t.id from duck.main.t", "duck"));
        assertEquals("select * from duck.INFORMATION_SCHEMA.columns".replace("duck.", ""),
                DatabaseQualifiers.strip("select * from \"duck\".INFORMATION_SCHEMA.columns", "duck"));
    }

    @Test
    void otherNamesQuotedTextAndCommentsStay() {
        String twoParts = "select duck.id from duck join x.duck.y on true";
        assertSame(twoParts, DatabaseQualifiers.strip(twoParts, "duck"));
        String quoted = "select 'duck.main.t' -- duck.main.t\n, \"Duck\".main.t from other.main.t";
        assertSame(quoted, DatabaseQualifiers.strip(quoted, "duck"));
        assertEquals("select * from main.t", DatabaseQualifiers.strip("select * from \"Duck\".main.t", "Duck"));
        String none = "select 1";
        assertSame(none, DatabaseQualifiers.strip(none, "duck"));
    }
}
