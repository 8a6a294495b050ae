package io.queryflux.engine.jdbc;

import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** The engine-specific parts of running a statement through JDBC. */
public interface JdbcFlavor {
    /** Applies the query's session (catalog, schema, properties) to a fresh connection. */
    void prepareSession(Connection connection, EngineQuery query) throws SQLException;

    /** Creates the statement, configured to stream rather than buffer results. */
    Statement createStatement(Connection connection) throws SQLException;

    /** Maps result metadata to the result model. */
    List<JdbcColumn> describe(ResultSetMetaData metaData) throws SQLException;

    /**
     * A prepared statement's parameter types, in the result model's terms ({@link SqlType#UNKNOWN}
     * where the engine could not infer one), for an
     * {@link io.queryflux.engine.StatementDescription}. Refused unless the engine infers them
     * without running the statement.
     */
    default List<SqlType> parameterTypes(ParameterMetaData parameters) throws SQLException, QueryException {
        throw new QueryException(ErrorCode.NOT_SUPPORTED, "this engine does not describe statements");
    }

    /** Classifies a driver error. */
    QueryException translate(SQLException e);

    /**
     * For an error raised while rows were read whose message the driver did not pass on: how to
     * learn it by running the statement again. Empty when the driver's message is the error.
     */
    default Optional<LostErrorProbe> lostErrorProbe(SQLException e, String sql) {
        return Optional.empty();
    }

    /**
     * Gives a row cursor engine-specific capabilities (such as
     * {@link io.queryflux.engine.arrow.ArrowExportable}) from the driver's own result set; the
     * cursor as it is by default.
     */
    default ResultCursor withCapabilities(ResultCursor rows, ResultSet resultSet) {
        return rows;
    }
}
