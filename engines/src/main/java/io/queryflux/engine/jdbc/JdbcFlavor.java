package io.queryflux.engine.jdbc;

import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.QueryException;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The engine-specific parts of running a statement through JDBC. */
public interface JdbcFlavor {
    /** Applies the query's session (catalog, schema, properties) to a fresh connection. */
    void prepareSession(Connection connection, EngineQuery query) throws SQLException;

    /** Creates the statement, configured to stream rather than buffer results. */
    Statement createStatement(Connection connection) throws SQLException;

    /** Maps result metadata to the result model. */
    List<JdbcColumn> describe(ResultSetMetaData metaData) throws SQLException;

    /** Classifies a driver error. */
    QueryException translate(SQLException e);
}
