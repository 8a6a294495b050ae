package io.queryflux.engine.duckdb;

import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineFactory;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Creates DuckDB engines; the one setting is {@code databasePath} (absent: in memory). */
public final class DuckDbEngineFactory implements EngineFactory {
    static final String DATABASE_PATH = "databasePath";

    @Override
    public EngineType type() {
        return EngineType.DUCKDB;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(DATABASE_PATH);
    }

    @Override
    public Engine create(String clusterName, Map<String, String> settings) {
        Optional<String> path = Optional.ofNullable(settings.get(DATABASE_PATH)).filter(p -> !p.isBlank());
        path.map(Path::of).map(Path::toAbsolutePath).map(Path::getParent).ifPresent(parent -> {
            if (!Files.isDirectory(parent)) {
                throw new InvalidSettingException(DATABASE_PATH, "directory " + parent + " does not exist");
            }
        });
        try {
            return DuckDbEngine.open(path);
        } catch (SQLException e) {
            throw new InvalidSettingException(DATABASE_PATH, "cannot open DuckDB database: " + e.getMessage());
        }
    }
}
