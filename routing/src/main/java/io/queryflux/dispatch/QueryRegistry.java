package io.queryflux.dispatch;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The queries in flight, by id: for cancellation from another connection and for the admin API. */
public final class QueryRegistry {
    private final Map<String, RunningQuery> queries = new ConcurrentHashMap<>();

    void add(RunningQuery query) {
        queries.put(query.id(), query);
    }

    void remove(RunningQuery query) {
        queries.remove(query.id(), query);
    }

    public Optional<RunningQuery> find(String queryId) {
        return Optional.ofNullable(queries.get(queryId));
    }

    public List<RunningQuery> all() {
        Collection<RunningQuery> values = queries.values();
        return List.copyOf(values);
    }

    public int size() {
        return queries.size();
    }
}
