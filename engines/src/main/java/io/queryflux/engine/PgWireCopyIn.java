package io.queryflux.engine;

/**
 * Optional cursor capability: a PostgreSQL {@code COPY ... FROM STDIN} in progress on the
 * engine's own protocol connection, fed by the PostgreSQL frontend with its client's CopyData.
 * An engine returns such a cursor only for a COPY whose {@link EngineQuery#forwardFormats()}
 * name {@link #FORMAT}. The data is written through as it comes, so a client that sends faster
 * than PostgreSQL takes it is slowed down, not buffered.
 */
public interface PgWireCopyIn {
    /** The COPY FROM STDIN sub-protocol of PostgreSQL's wire protocol. */
    String FORMAT = "postgres-wire-copy-in";

    /** The body of PostgreSQL's CopyInResponse (overall and per-column formats), for the client. */
    byte[] copyInResponse();

    /** Passes one CopyData body on. */
    void copyData(byte[] data) throws QueryException;

    /** Ends the data (CopyDone) and returns PostgreSQL's CommandComplete tag, such as {@code COPY 3}. */
    String copyDone() throws QueryException;

    /** Aborts the COPY with the client's reason (CopyFail); returns the error PostgreSQL answered with. */
    QueryException copyFail(String reason);
}
