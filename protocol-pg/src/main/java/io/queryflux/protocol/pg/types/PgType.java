package io.queryflux.protocol.pg.types;

import java.util.Arrays;
import java.util.Optional;

/** The PostgreSQL built-in types the proxy speaks, with their fixed OIDs from pg_type.dat. */
public enum PgType {
    BOOL(16, "bool", 1, 1000),
    BYTEA(17, "bytea", -1, 1001),
    INT8(20, "int8", 8, 1016),
    INT2(21, "int2", 2, 1005),
    INT4(23, "int4", 4, 1007),
    TEXT(25, "text", -1, 1009),
    OID(26, "oid", 4, 1028),
    JSON(114, "json", -1, 199),
    FLOAT4(700, "float4", 4, 1021),
    FLOAT8(701, "float8", 8, 1022),
    UNKNOWN(705, "unknown", -2, 0),
    BPCHAR(1042, "bpchar", -1, 1014),
    VARCHAR(1043, "varchar", -1, 1015),
    DATE(1082, "date", 4, 1182),
    TIME(1083, "time", 8, 1183),
    TIMESTAMP(1114, "timestamp", 8, 1115),
    TIMESTAMPTZ(1184, "timestamptz", 8, 1185),
    INTERVAL(1186, "interval", 16, 1187),
    TIMETZ(1266, "timetz", 12, 1270),
    NUMERIC(1700, "numeric", -1, 1231),
    UUID(2950, "uuid", 16, 2951),
    NAME(19, "name", 64, 1003),
    CHAR(18, "char", 1, 1002),
    REGPROC(24, "regproc", 4, 1008),
    REGCLASS(2205, "regclass", 4, 2210),
    REGTYPE(2206, "regtype", 4, 2211),
    XID(28, "xid", 4, 1011),
    INT2VECTOR(22, "int2vector", -1, 1006),
    OIDVECTOR(30, "oidvector", -1, 1013),
    JSONB(3802, "jsonb", -1, 3807);

    private final int oid;
    private final String typeName;
    private final int length;
    private final int arrayOid;

    PgType(int oid, String typeName, int length, int arrayOid) {
        this.oid = oid;
        this.typeName = typeName;
        this.length = length;
        this.arrayOid = arrayOid;
    }

    public int oid() {
        return oid;
    }

    /** The name in pg_type.typname. */
    public String typeName() {
        return typeName;
    }

    /** pg_type.typlen: the fixed size, or -1 for variable length. */
    public int length() {
        return length;
    }

    public int arrayOid() {
        return arrayOid;
    }

    public static Optional<PgType> byOid(int oid) {
        return Arrays.stream(values()).filter(t -> t.oid == oid).findFirst();
    }

    /** The element type of an array type OID. */
    public static Optional<PgType> byArrayOid(int oid) {
        return Arrays.stream(values()).filter(t -> t.arrayOid == oid && oid != 0).findFirst();
    }
}
