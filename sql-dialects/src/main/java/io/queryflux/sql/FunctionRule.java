package io.queryflux.sql;

/** Prints one source-dialect function call in the target dialect. */
@FunctionalInterface
interface FunctionRule {
    void render(FunctionCall call, Out out);
}
