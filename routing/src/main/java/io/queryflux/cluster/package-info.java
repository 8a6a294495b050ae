/**
 * Cluster groups and their clusters at run time. A group admits a query under its concurrency
 * limit through a fair semaphore that is also the proxy-side queue (FIFO, bounded in length and
 * in wait), then a {@link io.queryflux.cluster.SelectionStrategy} picks one of its eligible
 * clusters (enabled, healthy, under its own cap).
 */
package io.queryflux.cluster;
