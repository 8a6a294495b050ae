package io.queryflux.routing.python;

/** Hears about script failures, for metrics. Called on query threads: thread-safe and quick. */
public interface ScriptObserver {
    void failed(String script, ScriptFailure kind);

    ScriptObserver NONE = (script, kind) -> {};
}
