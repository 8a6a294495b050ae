package io.queryflux.engine.postgres;

import static java.util.Objects.requireNonNull;

/**
 * One PostgreSQL cluster's connection settings.
 *
 * @param shortQueriesFirst run plain queries in autocommit first and rerun them through a cursor
 *     only when they return more than one fetch (faster for short queries; a long one runs twice)
 * @param forwardWire serve the PostgreSQL frontend's plain queries, COPY FROM STDIN and statement
 *     Describes on the engine's own protocol connections, passing PostgreSQL's messages on as they are
 * @param tls how every connection to the cluster uses TLS
 */
record PostgresSettings(
        String clusterName,
        String host,
        int port,
        String database,
        String username,
        String password,
        int poolSize,
        int fetchSize,
        int connectTimeoutSecs,
        boolean shortQueriesFirst,
        boolean forwardWire,
        PgTls tls) {
    PostgresSettings {
        requireNonNull(clusterName, "clusterName is null");
        requireNonNull(host, "host is null");
        requireNonNull(database, "database is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(tls, "tls is null");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
