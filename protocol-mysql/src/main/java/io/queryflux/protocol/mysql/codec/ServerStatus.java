package io.queryflux.protocol.mysql.codec;

/** Server status flags sent in OK and EOF packets. */
public final class ServerStatus {
    public static final int IN_TRANS = 0x0001;
    public static final int AUTOCOMMIT = 0x0002;
    public static final int MORE_RESULTS_EXISTS = 0x0008;
    public static final int CURSOR_EXISTS = 0x0040;
    public static final int LAST_ROW_SENT = 0x0080;
    public static final int NO_BACKSLASH_ESCAPES = 0x0200;

    /**
     * Every response's base status. NO_BACKSLASH_ESCAPES makes drivers that inline parameters
     * (Connector/J and MariaDB J client-side prepares) double quotes instead of escaping them
     * with backslashes, which DuckDB, Trino and PostgreSQL would misread.
     */
    public static final int DEFAULT = AUTOCOMMIT | NO_BACKSLASH_ESCAPES;

    private ServerStatus() {}
}
