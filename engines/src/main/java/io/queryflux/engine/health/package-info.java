/**
 * Background health checks of engines. The checker knows only {@link io.queryflux.engine.Engine}
 * and a sink per engine, so it sits below routing: the server registers each cluster with
 * {@code cluster::setHealth} as its sink.
 */
package io.queryflux.engine.health;
