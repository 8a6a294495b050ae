/**
 * The router chain: ordered rules that each look at a query and its session and either name a
 * cluster group, deny the query, or pass. The first rule that decides wins; {@code
 * routingFallback} takes the rest. Every decision keeps a trace of each rule consulted and why.
 */
package io.queryflux.routing;
