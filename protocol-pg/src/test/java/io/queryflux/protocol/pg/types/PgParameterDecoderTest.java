package io.queryflux.protocol.pg.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.protocol.pg.messages.Format;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgParameterDecoderTest {
    private static final int INT4_ARRAY = PgType.INT4.arrayOid();
    private static final int TEXT_ARRAY = PgType.TEXT.arrayOid();

    /** PostgreSQL's binary array: dimensions, NULL flag, element type, each dimension's size and lower bound, elements. */
    private static byte[] array(int elementOid, int[] dimensions, byte[]... elements) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(dimensions.length);
        out.writeInt(0);
        out.writeInt(elementOid);
        for (int size : dimensions) {
            out.writeInt(size);
            out.writeInt(1);
        }
        for (byte[] element : elements) {
            if (element == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(element.length);
                out.write(element);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] int4(int value) {
        return java.nio.ByteBuffer.allocate(4).putInt(value).array();
    }

    private static String binary(byte[] value, int oid) {
        return PgParameterDecoder.literal(value, Format.BINARY, oid, false);
    }

    @Test
    void binaryArraysBecomeArrayLiterals() throws IOException {
        assertEquals("CAST(ARRAY[1, NULL, (-3)] AS INTEGER[])",
                binary(array(PgType.INT4.oid(), new int[] {3}, int4(1), null, int4(-3)), INT4_ARRAY));
        assertEquals("CAST(ARRAY[] AS INTEGER[])", binary(array(PgType.INT4.oid(), new int[0]), INT4_ARRAY));
        assertEquals("CAST(ARRAY[ARRAY[1, 2], ARRAY[3, NULL]] AS INTEGER[][])",
                binary(array(PgType.INT4.oid(), new int[] {2, 2}, int4(1), int4(2), int4(3), null), INT4_ARRAY));
        assertEquals("CAST(ARRAY['it''s'] AS TEXT[])",
                binary(array(PgType.TEXT.oid(), new int[] {1}, "it's".getBytes(StandardCharsets.UTF_8)), TEXT_ARRAY));
        assertTrue(PgParameterDecoder.readsInBinary(INT4_ARRAY));
        assertFalse(PgParameterDecoder.readsInBinary(PgType.JSONB.arrayOid()));
    }

    private static String text(String value, int oid) {
        return PgParameterDecoder.literal(value.getBytes(StandardCharsets.UTF_8), Format.TEXT, oid, false);
    }

    /** As node-postgres and pgjdbc without binary transfer send arrays: PostgreSQL's array text. */
    @Test
    void textArraysBecomeArrayLiterals() {
        assertEquals("CAST(ARRAY[1, NULL, (-3)] AS INTEGER[])", text("{1,NULL,-3}", INT4_ARRAY));
        assertEquals("CAST(ARRAY[1, 2] AS INTEGER[])", text(" { \"1\" , 2 } ", INT4_ARRAY));
        assertEquals("CAST(ARRAY[] AS INTEGER[])", text("{}", INT4_ARRAY));
        assertEquals("CAST(ARRAY[ARRAY[1, 2], ARRAY[3, NULL]] AS INTEGER[][])", text("{{1,2},{3,null}}", INT4_ARRAY));
        assertEquals("CAST(ARRAY['a b', 'b,c', 'NULL', NULL, 'q\"u''o\\te', 'x y'] AS TEXT[])",
                text("{a b,\"b,c\",\"NULL\",NULL,\"q\\\"u'o\\\\te\",x\\ y}", TEXT_ARRAY));
        assertEquals("CAST(ARRAY[CAST('2024-02-29' AS DATE)] AS DATE[])", text("{2024-02-29}", PgType.DATE.arrayOid()));
        for (String malformed : List.of("1,2", "{1,2", "{1,,2}", "{1,2}x", "{{1},2}", "{\"a}", "{a\"b}", "[1:2]={1,2}")) {
            assertThrows(IllegalArgumentException.class, () -> text(malformed, INT4_ARRAY), malformed);
        }
        assertThrows(IllegalArgumentException.class, () -> text("{x}", INT4_ARRAY), "elements are read as their type");
        // An array described as text (jsonb[]: its elements are not read in binary) may come as its
        // text in binary format (asyncpg): text's binary form is the same bytes.
        assertEquals("CAST(ARRAY[1, 3] AS BIGINT[])", binary("{1,3}".getBytes(StandardCharsets.UTF_8), PgType.INT8.arrayOid()));
        assertEquals(INT4_ARRAY, PgParameterDecoder.describedAs(INT4_ARRAY));
        assertEquals(PgType.TEXT.oid(), PgParameterDecoder.describedAs(PgType.JSONB.arrayOid()));
        assertEquals(PgType.TEXT.oid(), PgParameterDecoder.describedAs(0));
        assertEquals(PgType.INT4.oid(), PgParameterDecoder.describedAs(PgType.INT4.oid()));
    }

    /** node-postgres sends a Buffer in binary with no type: bytes, as PostgreSQL reads it into a bytea column. */
    @Test
    void aBinaryValueWithoutATypeIsBytes() {
        assertEquals("decode('0102ff', 'hex')", binary(new byte[] {1, 2, (byte) 0xff}, 0));
    }

    @Test
    void malformedArraysAreRefusedAsBadValues() throws IOException {
        // Refused as IllegalArgumentException, which Bind answers with 22P02 (the connection goes on).
        byte[] otherElementType = array(PgType.INT8.oid(), new int[] {1}, new byte[8]);
        assertThrows(IllegalArgumentException.class, () -> binary(otherElementType, INT4_ARRAY));
        byte[] whole = array(PgType.INT4.oid(), new int[] {2}, int4(1), int4(2));
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 2);
        assertThrows(IllegalArgumentException.class, () -> binary(truncated, INT4_ARRAY));
        byte[] trailing = java.util.Arrays.copyOf(whole, whole.length + 1);
        assertThrows(IllegalArgumentException.class, () -> binary(trailing, INT4_ARRAY));
        // Dimensions that promise more elements than the bytes hold, or fewer than none.
        assertThrows(IllegalArgumentException.class,
                () -> binary(array(PgType.INT4.oid(), new int[] {Integer.MAX_VALUE, 0}), INT4_ARRAY));
        assertThrows(IllegalArgumentException.class, () -> binary(array(PgType.INT4.oid(), new int[] {-1}), INT4_ARRAY));
    }

    @Test
    void aDateLosesTheZonePgjdbcAppendsWherePostgresWouldIgnoreIt() {
        byte[] pgjdbcDate = "2000-01-01 +01".getBytes(StandardCharsets.UTF_8);
        // Typed date: PostgreSQL's date input ignores the zone, DuckDB refuses it.
        assertEquals("CAST('2000-01-01' AS DATE)", PgParameterDecoder.literal(pgjdbcDate, Format.TEXT, PgType.DATE.oid(), false));
        // Untyped: on PostgreSQL it may become a timestamptz, where the zone counts; elsewhere a date.
        assertEquals("'2000-01-01 +01'", PgParameterDecoder.literal(pgjdbcDate, Format.TEXT, 0, false));
        assertEquals("'2000-01-01'", PgParameterDecoder.literal(pgjdbcDate, Format.TEXT, 0, true));
        assertEquals("'2000-01-01 +01 x'",
                PgParameterDecoder.literal("2000-01-01 +01 x".getBytes(StandardCharsets.UTF_8), Format.TEXT, 0, true));
    }
}
