package io.queryflux.protocol.pg.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyToStdoutTest {
    @Test
    void queriesAndTablesWithTheirOptions() {
        CopyToStdout psql = CopyToStdout.parse("COPY ( SELECT id, ')' AS p FROM orders ) TO STDOUT");
        assertEquals("SELECT id, ')' AS p FROM orders", psql.query());
        assertFalse(psql.csv());
        assertEquals('\t', psql.delimiter());
        assertEquals("\\N", psql.nullText());

        CopyToStdout csv = CopyToStdout.parse("copy orders (id, name) to stdout with (format csv, header, delimiter ';')");
        assertEquals("SELECT id, name FROM orders", csv.query());
        assertTrue(csv.csv() && csv.header());
        assertEquals(';', csv.delimiter());
        assertEquals("", csv.nullText());

        CopyToStdout legacy = CopyToStdout.parse("COPY public.\"My Table\" TO STDOUT CSV HEADER DELIMITER AS '|' NULL 'n/a'");
        assertEquals("SELECT * FROM public.\"My Table\"", legacy.query());
        assertTrue(legacy.csv() && legacy.header());
        assertEquals('|', legacy.delimiter());
        assertEquals("n/a", legacy.nullText());

        assertFalse(CopyToStdout.parse("COPY t TO STDOUT (FORMAT csv, HEADER false)").header());
    }

    @Test
    void otherFormsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CopyToStdout.parse("COPY t FROM STDIN"))
                .getMessage().contains("COPY FROM"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CopyToStdout.parse("COPY t TO '/tmp/x'"))
                .getMessage().contains("file"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CopyToStdout.parse("COPY t TO STDOUT (FORMAT binary)")).getMessage().contains("binary"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CopyToStdout.parse("COPY t TO STDOUT (FREEZE)")).getMessage().contains("FREEZE"));
    }

    @Test
    void linesEscapeAsPostgresDoes() {
        CopyToStdout text = CopyToStdout.parse("COPY t TO STDOUT");
        assertEquals("a\\tb\\\\c\\nd\t\\N\t\n", text.line(Arrays.asList("a\tb\\c\nd", null, "")));
        CopyToStdout csv = CopyToStdout.parse("COPY t TO STDOUT (FORMAT csv)");
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",,\"\"\n", csv.line(Arrays.asList("plain", "a,b", "say \"hi\"", null, "")));
    }
}
