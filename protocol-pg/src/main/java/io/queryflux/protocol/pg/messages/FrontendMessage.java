package io.queryflux.protocol.pg.messages;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A message a client sends after startup, one record per message type. */
public sealed interface FrontendMessage {
    /** 'Q': one or more statements in the simple query protocol. */
    record Query(String sql) implements FrontendMessage {
        public Query {
            requireNonNull(sql, "sql is null");
        }
    }

    /** 'P': prepares a statement; a parameter type of 0 leaves the type to the server. */
    record Parse(String statement, String sql, List<Integer> parameterTypes) implements FrontendMessage {
        public Parse {
            requireNonNull(statement, "statement is null");
            requireNonNull(sql, "sql is null");
            parameterTypes = List.copyOf(parameterTypes);
        }
    }

    /**
     * 'B': binds parameter values to a prepared statement, creating a portal. A null element of
     * {@code values} is SQL NULL.
     */
    record Bind(String portal, String statement, List<Format> parameterFormats, List<byte[]> values,
            List<Format> resultFormats) implements FrontendMessage {
        public Bind {
            requireNonNull(portal, "portal is null");
            requireNonNull(statement, "statement is null");
            parameterFormats = List.copyOf(parameterFormats);
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
            resultFormats = List.copyOf(resultFormats);
        }

        /** The format of parameter {@code index}, by the protocol's rules for 0, 1 or n codes. */
        public Format parameterFormat(int index) {
            return Format.forIndex(parameterFormats, index);
        }
    }

    /** 'D': asks for the description of a prepared statement or a portal. */
    record Describe(Target target, String name) implements FrontendMessage {
        public Describe {
            requireNonNull(target, "target is null");
            requireNonNull(name, "name is null");
        }
    }

    /** 'E': runs a portal, returning at most {@code maxRows} rows (0: all). */
    record Execute(String portal, int maxRows) implements FrontendMessage {
        public Execute {
            requireNonNull(portal, "portal is null");
        }
    }

    /** 'C': closes a prepared statement or a portal. */
    record Close(Target target, String name) implements FrontendMessage {
        public Close {
            requireNonNull(target, "target is null");
            requireNonNull(name, "name is null");
        }
    }

    /** 'p': a password, or a SASL initial or continuation response; its meaning depends on the auth step. */
    record PasswordData(byte[] data) implements FrontendMessage {
        public PasswordData {
            requireNonNull(data, "data is null");
        }
    }

    /**
     * 'd' CopyData, 'c' CopyDone, 'f' CopyFail (body: the reason): COPY FROM STDIN traffic, passed
     * on to a PostgreSQL engine during a COPY and ignored outside one.
     */
    record CopyTraffic(char type, byte[] body) implements FrontendMessage {
        public CopyTraffic {
            requireNonNull(body, "body is null");
        }
    }

    /** 'F': the legacy function-call sub-protocol, not supported. */
    record FunctionCall() implements FrontendMessage {}

    /** 'H': send everything buffered. */
    record Flush() implements FrontendMessage {}

    /** 'S': ends an extended-query pipeline. */
    record Sync() implements FrontendMessage {}

    /** 'X': the client is leaving. */
    record Terminate() implements FrontendMessage {}

    /** What Describe and Close name. */
    enum Target {
        STATEMENT,
        PORTAL
    }
}
