package io.queryflux.routing.python;

/** How a script call failed, as the script-error metric labels it. */
public enum ScriptFailure {
    /** The script raised an exception (or could not be loaded). */
    ERROR,
    /** The call ran past its time limit and was interrupted. */
    TIMEOUT,
    /** The function returned something other than a string or None. */
    BAD_RESULT
}
