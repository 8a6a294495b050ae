package io.queryflux.server;

import io.queryflux.engine.EngineFactory;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.athena.AthenaEngineFactory;
import io.queryflux.engine.duckdb.DuckDbEngineFactory;
import io.queryflux.engine.postgres.PostgresEngineFactory;
import io.queryflux.engine.starrocks.StarRocksEngineFactory;
import io.queryflux.engine.trino.TrinoEngineFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The engines this build can run, by type. */
final class EngineFactories {
    private static final Map<EngineType, EngineFactory> FACTORIES = List.<EngineFactory>of(
                    new DuckDbEngineFactory(),
                    new TrinoEngineFactory(),
                    new AthenaEngineFactory(),
                    new StarRocksEngineFactory(),
                    new PostgresEngineFactory())
            .stream()
            .collect(Collectors.toUnmodifiableMap(EngineFactory::type, Function.identity()));

    private EngineFactories() {}

    static EngineFactory get(EngineType type) {
        return FACTORIES.get(type);
    }

    static Map<EngineType, Set<String>> settingKeys() {
        return FACTORIES.values().stream()
                .collect(Collectors.toUnmodifiableMap(EngineFactory::type, EngineFactory::settingKeys));
    }
}
