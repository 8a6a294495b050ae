package io.queryflux.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Optional cursor capability: a PostgreSQL result as PostgreSQL's own protocol messages, for the
 * PostgreSQL frontend to forward without decoding values into Java objects and encoding them
 * again. An engine returns such a cursor only for a query whose {@link EngineQuery#forwardFormats()}
 * names {@link #FORMAT} or {@link #inResultFormats}, and it is read only through this interface:
 * {@link #nextMessage()} instead of {@code next()} and {@code value()}. Cancel and close go through the execution and
 * the cursor as usual.
 */
public interface PgWireRows {
    /**
     * Rows of the simple query protocol: every column in text format, printed in UTF-8 with
     * {@code DateStyle} 'ISO, MDY', {@code TimeZone} UTC and {@code IntervalStyle} postgres.
     */
    String FORMAT = "postgres-wire-text";

    /** The prefix of {@link #inResultFormats}' encodings. */
    String EXTENDED = "postgres-wire-extended:";

    /**
     * Rows of the extended query protocol in the result formats a client gave in Bind: format
     * codes 0 (text) or 1 (binary), none for all text, one for every column, else one per
     * column. Text columns are printed as for {@link #FORMAT}.
     */
    static String inResultFormats(List<Integer> codes) {
        return PgWireFormats.withCodes(EXTENDED, codes);
    }

    /** The prefix of {@link #printedWith}'s encodings. */
    String PRINTED_WITH = "postgres-wire-printed-with:";

    /**
     * Alongside {@link #FORMAT} or {@link #inResultFormats}: text columns printed with the client's
     * own settings instead. Only a transaction block's connection can take them (as SET LOCAL).
     */
    static String printedWith(String timeZone, String dateStyle, String intervalStyle) {
        return PRINTED_WITH + String.join("\u001f", timeZone, dateStyle, intervalStyle);
    }

    /** TimeZone, DateStyle and IntervalStyle asked for with {@link #printedWith}, if one of these encodings is that. */
    static Optional<List<String>> printingSettings(Set<String> forwardFormats) {
        for (String format : forwardFormats) {
            if (format.startsWith(PRINTED_WITH)) {
                return Optional.of(List.of(format.substring(PRINTED_WITH.length()).split("\u001f", -1)));
            }
        }
        return Optional.empty();
    }

    /** The result format codes asked for with {@link #inResultFormats}, if one of these encodings is that. */
    static Optional<List<Integer>> resultFormats(Set<String> forwardFormats) {
        return PgWireFormats.codes(EXTENDED, forwardFormats);
    }

    /**
     * The body of the RowDescription message as PostgreSQL sent it (after type and length); null
     * for a statement that returns no rows.
     */
    byte[] rowDescription();

    /**
     * The next message to pass on, read from PostgreSQL only now: a DataRow ({@code 'D'}) or a
     * NoticeResponse ({@code 'N'}, such as a RAISE NOTICE); null once the result is exhausted.
     */
    Message nextMessage() throws QueryException;

    /** A PostgreSQL protocol message: its type byte and its body (after the length). */
    record Message(byte type, byte[] body) {}

    /** The CommandComplete tag PostgreSQL sent (e.g. {@code SELECT 3}); valid once exhausted. */
    String commandTag();
}
