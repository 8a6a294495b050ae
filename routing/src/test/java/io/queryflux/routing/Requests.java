package io.queryflux.routing;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds requests for router tests. */
final class Requests {
    private Requests() {}

    static QueryRequest request(Protocol protocol, String user, Map<String, String> headers, Set<String> tags,
            String sql) {
        return new QueryRequest(sql, new ClientSession(protocol, user, Optional.empty(), Optional.empty(),
                Optional.empty(), headers, tags, Map.of()));
    }

    static QueryRequest sql(String sql) {
        return request(Protocol.TRINO_HTTP, "alice", Map.of(), Set.of(), sql);
    }

    static QueryRequest user(String user) {
        return request(Protocol.TRINO_HTTP, user, Map.of(), Set.of(), "SELECT 1");
    }

    static QueryRequest protocol(Protocol protocol) {
        return request(protocol, "alice", Map.of(), Set.of(), "SELECT 1");
    }

    static QueryRequest headers(Map<String, String> headers) {
        return request(Protocol.TRINO_HTTP, "alice", headers, Set.of(), "SELECT 1");
    }

    static QueryRequest tags(String... tags) {
        return request(Protocol.TRINO_HTTP, "alice", Map.of(), Set.of(tags), "SELECT 1");
    }
}
