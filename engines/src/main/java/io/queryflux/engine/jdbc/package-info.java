/**
 * What every JDBC-backed engine shares: an execution that owns one connection and statement,
 * a streaming cursor over a {@link java.sql.ResultSet}, and the {@link
 * io.queryflux.engine.jdbc.JdbcFlavor} hook through which each engine supplies its session
 * set-up, type mapping and error classification.
 */
package io.queryflux.engine.jdbc;
