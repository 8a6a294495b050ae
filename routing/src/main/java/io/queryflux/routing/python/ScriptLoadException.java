package io.queryflux.routing.python;

/** A script could not be read, did not evaluate, or lacks the function its role needs. */
public final class ScriptLoadException extends Exception {
    public ScriptLoadException(String message) {
        super(message);
    }
}
