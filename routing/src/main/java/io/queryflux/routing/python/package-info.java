/**
 * Python routing hooks run in-process with GraalPy: a {@code pythonScript} router
 * ({@code route(query, ctx)}) and strategy ({@code select_cluster(candidates, ctx)}). Scripts
 * run sandboxed (no file, network, process, thread, native or host access), each call under a
 * time limit, on contexts created once and reused.
 */
package io.queryflux.routing.python;
