package io.queryflux.server.config;

import io.queryflux.routing.python.PythonScript;
import io.queryflux.routing.python.ScriptLoadException;
import io.queryflux.routing.python.ScriptObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Loads the Python script of a {@code pythonScript} router or strategy ({@code script} inline or
 * {@code scriptFile}, with {@code timeLimitMs} and {@code contexts}), so a script that does not
 * load stops the start-up with its key and line.
 */
final class ScriptReader {
    static final Set<String> KEYS = Set.of("script", "scriptFile", "timeLimitMs", "contexts");
    private static final int DEFAULT_TIME_LIMIT_MS = 100;
    private static final int DEFAULT_CONTEXTS = 4;

    private final ScriptObserver observer;
    private final List<PythonScript> loaded;

    /** @param loaded collects every script loaded, so the server can close them */
    ScriptReader(ScriptObserver observer, List<PythonScript> loaded) {
        this.observer = observer;
        this.loaded = loaded;
    }

    PythonScript read(ConfigNode node) {
        ConfigNode inline = node.get("script");
        ConfigNode file = node.get("scriptFile");
        if (inline.isPresent() == file.isPresent()) {
            throw node.error("a pythonScript needs exactly one of script and scriptFile");
        }
        PythonScript.Limits limits = new PythonScript.Limits(
                Duration.ofMillis(node.integer("timeLimitMs", DEFAULT_TIME_LIMIT_MS, 1)),
                node.integer("contexts", DEFAULT_CONTEXTS, 1));
        ConfigNode source = inline.isPresent() ? inline : file;
        try {
            PythonScript script = inline.isPresent()
                    ? PythonScript.inline(node.path(), inline.asString(), limits, observer)
                    : PythonScript.file(Path.of(file.asString()), limits, observer);
            loaded.add(script);
            return script;
        } catch (ScriptLoadException e) {
            throw source.error(e.getMessage());
        }
    }

    /** Maps a missing-function error to the key of the script that lacks it. */
    ConfigException error(ConfigNode node, ScriptLoadException e) {
        return (node.get("script").isPresent() ? node.get("script") : node.get("scriptFile")).error(e.getMessage());
    }
}
