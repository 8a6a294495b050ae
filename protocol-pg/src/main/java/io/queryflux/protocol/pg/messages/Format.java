package io.queryflux.protocol.pg.messages;

import java.util.List;

/** The format of a parameter or result value on the wire. */
public enum Format {
    TEXT,
    BINARY;

    public int code() {
        return ordinal();
    }

    static Format fromCode(int code) throws PgProtocolException {
        return switch (code) {
            case 0 -> TEXT;
            case 1 -> BINARY;
            default -> throw new PgProtocolException("invalid format code " + code);
        };
    }

    /** No codes: all text; one code: applies to all; else one per value. */
    public static Format forIndex(List<Format> codes, int index) {
        if (codes.isEmpty()) {
            return TEXT;
        }
        return codes.size() == 1 ? codes.get(0) : codes.get(index);
    }

    /** Whether every value in these result format codes is text (no codes, or only text ones). */
    public static boolean allText(List<Format> codes) {
        return !codes.contains(BINARY);
    }
}
