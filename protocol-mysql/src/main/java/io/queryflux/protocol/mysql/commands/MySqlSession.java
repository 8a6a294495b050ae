package io.queryflux.protocol.mysql.commands;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.dispatch.SessionChange;
import io.queryflux.protocol.mysql.catalog.SessionState;
import io.queryflux.protocol.mysql.catalog.SystemVariables;
import io.queryflux.protocol.mysql.codec.Capabilities;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's session after authentication: who, which database, variables, the
 * negotiated capabilities, and the queries it has open (so that KILL and a disconnect reach
 * them from another thread).
 */
public final class MySqlSession implements SessionState {
    private final long connectionId;
    private final int capabilities;
    private final SystemVariables variables;
    private final ClientSession initialSession;
    private final Set<RunningQuery> openQueries = ConcurrentHashMap.newKeySet();
    private volatile ClientSession clientSession;
    private boolean multiStatements;

    public MySqlSession(long connectionId, int capabilities, ClientSession clientSession, SystemVariables variables) {
        this.connectionId = connectionId;
        this.capabilities = capabilities;
        this.initialSession = requireNonNull(clientSession, "clientSession is null");
        this.clientSession = clientSession;
        this.variables = requireNonNull(variables, "variables is null");
        this.multiStatements = Capabilities.has(capabilities, Capabilities.MULTI_STATEMENTS);
    }

    @Override
    public long connectionId() {
        return connectionId;
    }

    @Override
    public String user() {
        return clientSession.user();
    }

    @Override
    public Optional<String> database() {
        return clientSession.schema();
    }

    @Override
    public SystemVariables variables() {
        return variables;
    }

    @Override
    public void setSessionProperty(String name, String value) {
        Map<String, String> properties = new HashMap<>(clientSession.sessionProperties());
        properties.put(name, value);
        clientSession = clientSession.withSessionProperties(properties);
    }

    public int capabilities() {
        return capabilities;
    }

    public ClientSession clientSession() {
        return clientSession;
    }

    void useDatabase(String database) {
        clientSession = clientSession.withSchema(Optional.of(database));
    }

    void apply(SessionChange change) {
        clientSession = change.applyTo(clientSession);
    }

    boolean multiStatements() {
        return multiStatements;
    }

    void multiStatements(boolean enabled) {
        multiStatements = enabled;
    }

    /** COM_RESET_CONNECTION: variables and session properties back to their start, database kept. */
    void reset() {
        variables.resetAll();
        clientSession = initialSession.withSchema(clientSession.schema());
    }

    void opened(RunningQuery query) {
        openQueries.add(query);
    }

    void closed(RunningQuery query) {
        openQueries.remove(query);
    }

    /** Cancels every open query of the connection; safe from any thread. */
    public void cancelQueries() {
        openQueries.forEach(RunningQuery::cancel);
    }
}
