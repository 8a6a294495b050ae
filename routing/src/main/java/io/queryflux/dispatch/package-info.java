/**
 * What every frontend calls: {@link io.queryflux.dispatch.QueryDispatcher} turns a client's
 * {@link io.queryflux.dispatch.QueryRequest} into a {@link io.queryflux.dispatch.RunningQuery}
 * that routes, waits in its group's queue, runs on the chosen cluster and streams its result,
 * recording a trace of every decision. Frontends know nothing of routers, groups or engines.
 */
package io.queryflux.dispatch;
