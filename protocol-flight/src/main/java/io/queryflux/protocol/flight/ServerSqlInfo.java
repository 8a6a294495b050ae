package io.queryflux.protocol.flight;

import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;

/**
 * What GetSqlInfo reports: only what holds for the proxy whatever engine a query is routed to.
 * Each statement runs on its own engine connection, so there are no transactions across
 * statements; cancellation works; identifiers are quoted with double quotes.
 */
final class ServerSqlInfo {
    static final String SERVER_NAME = "QueryFlux";
    static final String ARROW_VERSION = "18.3.0";

    private ServerSqlInfo() {}

    static SqlInfoBuilder create() {
        String version = ServerSqlInfo.class.getPackage().getImplementationVersion();
        return new SqlInfoBuilder()
                .withFlightSqlServerName(SERVER_NAME)
                .withFlightSqlServerVersion(version == null ? "development" : version)
                .withFlightSqlServerArrowVersion(ARROW_VERSION)
                .withFlightSqlServerReadOnly(false)
                .withFlightSqlServerSql(true)
                .withFlightSqlServerSubstrait(false)
                .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
                .withFlightSqlServerCancel(true)
                .withFlightSqlServerBulkIngestion(false)
                .withFlightSqlServerStatementTimeout(0)
                .withFlightSqlServerTransactionTimeout(0)
                .withSqlIdentifierQuoteChar("\"")
                .withSqlTransactionsSupported(false)
                .withSqlSavepointsSupported(false)
                .withSqlBatchUpdatesSupported(true)
                .withSqlNamedParametersSupported(false);
    }
}
