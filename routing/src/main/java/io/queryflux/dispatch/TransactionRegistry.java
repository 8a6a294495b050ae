package io.queryflux.dispatch;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The transaction blocks bound now, by the query that bound each: for the admin API. */
public final class TransactionRegistry {
    private final Map<String, OpenTransaction> open = new ConcurrentHashMap<>();

    /** Registers a bound block; the returned action removes it when the block ends. */
    Runnable add(OpenTransaction transaction) {
        open.put(transaction.boundBy(), transaction);
        return () -> open.remove(transaction.boundBy(), transaction);
    }

    /** The open blocks, oldest first. */
    public List<OpenTransaction> all() {
        return open.values().stream().sorted(Comparator.comparing(OpenTransaction::since)).toList();
    }
}
