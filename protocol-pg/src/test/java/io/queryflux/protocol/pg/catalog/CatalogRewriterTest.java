package io.queryflux.protocol.pg.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The textual rewrites whose output is easy to get subtly wrong; the psql and pgjdbc tests cover the rest. */
class CatalogRewriterTest {
    @Test
    void textArrayLiteralsBecomeDuckDbLists() {
        assertEquals("SELECT []::VARCHAR[]", CatalogRewriter.rewrite("SELECT '{}'::text[]"));
        assertEquals("SELECT ['a', 'b']::VARCHAR[]", CatalogRewriter.rewrite("SELECT '{a, b}'::pg_catalog.text[]"));
        assertEquals("SELECT ['a,b', 'c', NULL, 'null']::VARCHAR[]",
                CatalogRewriter.rewrite("SELECT '{\"a,b\",c,NULL,\"null\"}'::name[]"));
    }

    @Test
    void indexVectorsPrintAsSpaceSeparatedNumbers() {
        assertEquals("SELECT array_to_string(ix.indkey, ' ') FROM pgc.pg_index ix",
                CatalogRewriter.rewrite("SELECT ix.indkey::varchar FROM pg_catalog.pg_index ix"));
    }

    @Test
    void typeInputFunctionsAreComparedByName() {
        assertEquals("SELECT typinput='array_in' FROM pgc.pg_type",
                CatalogRewriter.rewrite("SELECT typinput='pg_catalog.array_in'::regproc FROM pg_catalog.pg_type"));
    }
}
