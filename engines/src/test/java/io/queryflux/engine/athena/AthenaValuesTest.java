package io.queryflux.engine.athena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.queryflux.engine.SqlType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.ColumnInfo;

class AthenaValuesTest {
    private static Object parse(SqlType type, String text) {
        return AthenaValues.parser(type).apply(text);
    }

    @Test
    void varbinaryHexMayWrapOverLines() {
        assertArrayEquals(new byte[] {0x68, 0x65, 0x6c, 0x6c, 0x6f, (byte) 0xff},
                (byte[]) parse(SqlType.VARBINARY, "68 65 6c 6c\n6f ff"));
    }

    @Test
    void badValuesAreErrorsNotZeros() {
        assertThrows(IllegalArgumentException.class, () -> parse(SqlType.BOOLEAN, "yes"));
        assertThrows(NumberFormatException.class, () -> parse(SqlType.INTEGER, "2147483648"));
        assertThrows(ArithmeticException.class, () -> parse(SqlType.decimal(10, 2), "1.234"), "no silent rounding");
        assertEquals(new BigDecimal("1.20"), parse(SqlType.decimal(10, 2), "1.2"));
    }

    @Test
    void columnTypesFromMetadata() {
        assertEquals("decimal(38,9)", AthenaTypes.fromColumn(column("decimal", 38, 9)).trinoName());
        assertEquals("varchar", AthenaTypes.fromColumn(column("varchar", Integer.MAX_VALUE, 0)).trinoName());
        assertEquals("varchar(20)", AthenaTypes.fromColumn(column("varchar", 20, 0)).trinoName());
        assertEquals("real", AthenaTypes.fromColumn(column("float", 17, 0)).trinoName());
        assertEquals("timestamp(3)", AthenaTypes.fromColumn(column("timestamp", 0, 0)).trinoName());
        assertEquals("timestamp(6) with time zone", AthenaTypes.fromColumn(column("timestamp with time zone", 6, 0)).trinoName());
        assertEquals("varchar", AthenaTypes.fromColumn(column("timestamp", 12, 0)).trinoName(), "picoseconds stay text");
        assertEquals("varchar", AthenaTypes.fromColumn(column("array", 0, 0)).trinoName());
        assertEquals("varchar", AthenaTypes.fromColumn(column("ipaddress", 0, 0)).trinoName());
    }

    private static ColumnInfo column(String type, int precision, int scale) {
        return ColumnInfo.builder().name("c").type(type).precision(precision).scale(scale).build();
    }
}
