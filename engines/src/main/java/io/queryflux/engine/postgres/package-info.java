/**
 * The {@code postgres} engine: a PostgreSQL cluster behind a HikariCP pool of pgjdbc
 * connections, streaming through a cursor and cancelled with pgjdbc's CancelRequest.
 */
package io.queryflux.engine.postgres;
