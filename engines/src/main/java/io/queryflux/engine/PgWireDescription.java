package io.queryflux.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Optional cursor capability: PostgreSQL's own description of a statement (Parse and Describe
 * of the statement, nothing run), for the PostgreSQL frontend to answer a client's Describe with
 * PostgreSQL's exact parameter and column types. An engine returns such a cursor only for a
 * query whose {@link EngineQuery#forwardFormats()} name {@link #of}, and refuses such a query
 * ({@link ErrorCode#NOT_SUPPORTED}) rather than run it when it cannot describe it.
 */
public interface PgWireDescription {
    /** The prefix of {@link #of}'s encodings. */
    String DESCRIBE = "postgres-wire-describe:";

    /** Describe the statement (its {@code $n} parameters declared with these type OIDs, 0: unspecified). */
    static String of(List<Integer> parameterTypes) {
        return PgWireFormats.withCodes(DESCRIBE, parameterTypes);
    }

    /** The declared parameter types of a describe request among these encodings, if there is one. */
    static Optional<List<Integer>> parameterTypes(Set<String> forwardFormats) {
        return PgWireFormats.codes(DESCRIBE, forwardFormats);
    }

    /** The body of PostgreSQL's ParameterDescription. */
    byte[] parameterDescription();

    /** The body of PostgreSQL's RowDescription; null for a statement that returns no rows (NoData). */
    byte[] rowDescription();

    /**
     * Whether the statement's rows, when the caller asks for them forwarded, are PostgreSQL's own as
     * described; else the engine decodes them and the caller encodes them its own way.
     */
    boolean rowsForwarded();
}
