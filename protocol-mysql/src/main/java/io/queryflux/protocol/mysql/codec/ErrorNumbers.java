package io.queryflux.protocol.mysql.codec;

/** The MySQL server error numbers the proxy sends, with the SQLSTATE MySQL pairs with each. */
public final class ErrorNumbers {
    public static final int ER_CON_COUNT_ERROR = 1040;
    public static final int ER_HANDSHAKE_ERROR = 1043;
    public static final int ER_ACCESS_DENIED_ERROR = 1045;
    public static final int ER_NO_DB_ERROR = 1046;
    public static final int ER_UNKNOWN_COM_ERROR = 1047;
    public static final int ER_BAD_DB_ERROR = 1049;
    public static final int ER_TABLE_EXISTS_ERROR = 1050;
    public static final int ER_BAD_FIELD_ERROR = 1054;
    public static final int ER_DUP_ENTRY = 1062;
    public static final int ER_PARSE_ERROR = 1064;
    public static final int ER_EMPTY_QUERY = 1065;
    public static final int ER_NO_SUCH_THREAD = 1094;
    public static final int ER_KILL_DENIED_ERROR = 1095;
    public static final int ER_UNKNOWN_ERROR = 1105;
    public static final int ER_NO_SUCH_TABLE = 1146;
    public static final int ER_NET_PACKET_TOO_LARGE = 1153;
    public static final int ER_MALFORMED_PACKET = 1835;
    public static final int ER_UNKNOWN_SYSTEM_VARIABLE = 1193;
    public static final int ER_WRONG_ARGUMENTS = 1210;
    public static final int ER_SPECIFIC_ACCESS_DENIED_ERROR = 1227;
    public static final int ER_NOT_SUPPORTED_YET = 1235;
    public static final int ER_UNKNOWN_STMT_HANDLER = 1243;
    public static final int ER_TRUNCATED_WRONG_VALUE = 1292;
    public static final int ER_SP_DOES_NOT_EXIST = 1305;
    public static final int ER_QUERY_INTERRUPTED = 1317;
    public static final int ER_DIVISION_BY_ZERO = 1365;
    public static final int ER_DATA_OUT_OF_RANGE = 1690;
    public static final int ER_QUERY_TIMEOUT = 3024;

    private ErrorNumbers() {}

    /** The SQLSTATE MySQL sends with an error number. */
    public static String sqlState(int errorNumber) {
        return switch (errorNumber) {
            case ER_CON_COUNT_ERROR -> "08004";
            case ER_HANDSHAKE_ERROR, ER_UNKNOWN_COM_ERROR, ER_NET_PACKET_TOO_LARGE -> "08S01";
            case ER_ACCESS_DENIED_ERROR -> "28000";
            case ER_NO_DB_ERROR -> "3D000";
            case ER_BAD_DB_ERROR, ER_PARSE_ERROR, ER_EMPTY_QUERY, ER_SPECIFIC_ACCESS_DENIED_ERROR,
                    ER_NOT_SUPPORTED_YET, ER_SP_DOES_NOT_EXIST -> "42000";
            case ER_TABLE_EXISTS_ERROR -> "42S01";
            case ER_BAD_FIELD_ERROR -> "42S22";
            case ER_DUP_ENTRY -> "23000";
            case ER_NO_SUCH_TABLE -> "42S02";
            case ER_QUERY_INTERRUPTED -> "70100";
            case ER_DIVISION_BY_ZERO -> "22012";
            case ER_DATA_OUT_OF_RANGE -> "22003";
            case ER_TRUNCATED_WRONG_VALUE -> "22007";
            default -> "HY000";
        };
    }
}
