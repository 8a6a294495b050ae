package io.queryflux.protocol.pg.messages;

/** The transaction status a ReadyForQuery reports. */
public enum TransactionStatus {
    IDLE('I'),
    IN_TRANSACTION('T'),
    /** An error happened inside a transaction block; only ROLLBACK is accepted until it ends. */
    FAILED('E');

    private final char code;

    TransactionStatus(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }
}
