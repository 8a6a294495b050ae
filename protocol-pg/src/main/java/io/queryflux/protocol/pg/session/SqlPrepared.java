package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.protocol.pg.sql.PreparedSql;
import io.queryflux.protocol.pg.sql.SqlText;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SQL-level prepared statements (PREPARE, EXECUTE, DEALLOCATE), kept by the proxy since an engine
 * connection is a statement's for one statement only. They share their names with the
 * protocol's named statements, as in PostgreSQL. One connection thread uses it.
 */
final class SqlPrepared {
    /** A prepared statement with EXECUTE's arguments in place of its parameters. */
    record Bound(String sql, String written) {
        Bound {
            requireNonNull(sql, "sql is null");
            requireNonNull(written, "written is null");
        }
    }

    private final Map<String, PreparedStatement> statements;

    /** @param statements the connection's named statements, shared with the protocol's Parse */
    SqlPrepared(Map<String, PreparedStatement> statements) {
        this.statements = requireNonNull(statements, "statements is null");
    }

    /** Keeps the statement under its name; declared parameter types become casts. */
    Execution prepare(PreparedSql.Prepare prepare) throws QueryException {
        if (statements.containsKey(prepare.name())) {
            throw new QueryException(ErrorCode.GENERIC_USER_ERROR,
                    "prepared statement \"" + prepare.name() + "\" already exists", "42P05", null);
        }
        String first = SqlText.firstWord(prepare.statement());
        if (PreparedSql.FIRST_WORDS.contains(first)) {
            throw new QueryException(ErrorCode.SYNTAX_ERROR,
                    "syntax error at or near \"" + first.toLowerCase(Locale.ROOT) + "\"");
        }
        String typed;
        try {
            typed = prepare.typedStatement();
        } catch (IllegalArgumentException e) {
            throw new QueryException(ErrorCode.GENERIC_USER_ERROR, e.getMessage(), "42P02", null);
        }
        // Declared types count as parameters even where the statement does not use them.
        statements.put(prepare.name(), new PreparedStatement(typed, prepare.statement(),
                Collections.nCopies(prepare.types().size(), 0)));
        return Execution.done("PREPARE");
    }

    /** The named statement with the arguments (SQL expressions) in place of its parameters. */
    Bound bind(PreparedSql.Execute execute) throws QueryException {
        PreparedStatement target = statements.get(execute.name());
        if (target == null) {
            throw missing(execute.name());
        }
        if (PreparedSql.FIRST_WORDS.contains(SqlText.firstWord(target.sql()))) {
            // A protocol-level statement may hold one (Parse of "EXECUTE a" named a): never recurse.
            throw new QueryException(ErrorCode.SYNTAX_ERROR,
                    "prepared statement \"" + execute.name() + "\" cannot be executed with EXECUTE");
        }
        int expected = Math.max(target.parameterTypes().size(), SqlText.parameterCount(target.sql()));
        if (execute.arguments().size() != expected) {
            throw new QueryException(ErrorCode.SYNTAX_ERROR, "wrong number of parameters for prepared statement \""
                    + execute.name() + "\": expected " + expected + ", got " + execute.arguments().size());
        }
        List<String> arguments = execute.arguments().stream().map(a -> "(" + a + ")").toList();
        try {
            return new Bound(SqlText.bind(target.sql(), arguments), target.written());
        } catch (IllegalArgumentException e) {
            throw new QueryException(ErrorCode.GENERIC_USER_ERROR, e.getMessage(), "42P02", null);
        }
    }

    /** DEALLOCATE name, or ALL (no name). */
    Execution deallocate(Optional<String> name) throws QueryException {
        if (name.isEmpty()) {
            deallocateAll();
            return Execution.done("DEALLOCATE ALL");
        }
        if (statements.remove(name.get()) == null) {
            throw missing(name.get());
        }
        return Execution.done("DEALLOCATE");
    }

    void deallocateAll() {
        statements.clear();
    }

    private static QueryException missing(String name) {
        return new QueryException(ErrorCode.GENERIC_USER_ERROR, "prepared statement \"" + name + "\" does not exist",
                "26000", null);
    }

}
