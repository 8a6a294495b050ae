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

    @Test
    void regularExpressionsMatchAnywhereAsPostgresqlsDo() {
        assertEquals("WHERE n.nspname !~ '(?s).*(?:^pg_).*' AND c.relname ~ '(?s).*(?:^(t)$).*'",
                CatalogRewriter.rewrite("WHERE n.nspname !~ '^pg_' AND c.relname OPERATOR(pg_catalog.~) '^(t)$'"
                        + " COLLATE pg_catalog.default"));
        assertEquals("WHERE a !~~ 'x%'", CatalogRewriter.rewrite("WHERE a !~~ 'x%'"), "LIKE's operator spelling stays");
    }

    @Test
    void likePatternsEscapeWithABackslash() {
        assertEquals("WHERE n LIKE E'pg\\\\_%' ESCAPE '\\'", CatalogRewriter.rewrite("WHERE n LIKE E'pg\\\\_%'"));
        assertEquals("WHERE n LIKE 'pg%'", CatalogRewriter.rewrite("WHERE n LIKE 'pg%'"));
    }

    @Test
    void callsWithNestedOperandsAreRewrittenWhole() {
        assertEquals("SELECT CAST(to_regclass(format('%I.%I', s, t)) AS BIGINT)",
                CatalogRewriter.rewrite("SELECT CAST(CAST(FORMAT('%I.%I', s, t) AS REGCLASS) AS OID)")
                        .replace("FORMAT", "format"));
        // generate_series in a select list is a set of rows; in a FROM list a table function already.
        assertEquals("SELECT a, unnest(generate_series(array_lower(k, 1), array_upper(k, 1))) AS i FROM t",
                CatalogRewriter.rewrite("SELECT a, generate_series(array_lower(k, 1), array_upper(k, 1)) AS i FROM t"));
        assertEquals("(select oid, unnest(generate_series(1, 2)) as i from c) r",
                CatalogRewriter.rewrite("(select oid, generate_series(1, 2) as i from c) r"));
        assertEquals("SELECT i FROM t, generate_series(1, 3) AS i",
                CatalogRewriter.rewrite("SELECT i FROM t, generate_series(1, 3) AS i"));
        assertEquals("FROM generate_series(1, 2) i, (SELECT string_to_array(current_setting('search_path'), ',') AS s) s",
                CatalogRewriter.rewrite("FROM generate_series(1, 2) i, string_to_array(current_setting('search_path'), ',') s"));
        assertEquals("SELECT regexp_extract(array_to_string(o, ','), 'fillfactor=([0-9]*)', 1), substring(x FROM 2)",
                CatalogRewriter.rewrite("SELECT substring(array_to_string(o, ',') FROM 'fillfactor=([0-9]*)'),"
                        + " substring(x FROM 2)"));
        assertEquals("WHERE 'r' = ANY(SELECT rolname FROM (SELECT 1))",
                CatalogRewriter.rewrite("WHERE 'r' = ANY(ARRAY(SELECT rolname FROM (SELECT 1)))"));
    }

    @Test
    void informationSchemaIsTheMirrorsWhereItHasTheView() {
        assertEquals("SELECT * FROM pgis.\"columns\" c JOIN information_schema.routines r",
                CatalogRewriter.rewrite("SELECT * FROM \"information_schema\".\"columns\" c JOIN information_schema.routines r"));
    }

    @Test
    void systemColumnsAndTheSessionUser() {
        assertEquals("SELECT 0::BIGINT AS state, 0::BIGINT FROM pgc.pg_namespace n WHERE rolname = qf_user()",
                CatalogRewriter.rewrite("SELECT n.xmin AS state, xmin FROM pg_catalog.pg_namespace n WHERE rolname = current_user"));
        assertEquals("SELECT 'current_user', x AS current_user", CatalogRewriter.rewrite("SELECT 'current_user', x AS current_user"));
    }

    @Test
    void tableAliasesThatAreAlsoOutputNamesAreRenamedForGroupBy() {
        assertEquals("select s__t.name as s, t__t.x as t from r join schema as s__t on s__t.id = r.s join u t__t on true group by s",
                CatalogRewriter.shadowedTableAliases(
                        "select s.name as s, t.x as t from r join schema as s on s.id = r.s join u t on true group by s"));
    }
}
