/**
 * The engine SPI: what the proxy asks of a query engine and the engine-neutral result model
 * every frontend encodes from. Depends on nothing but the JDK.
 *
 * <p>An {@link io.queryflux.engine.Engine} is one configured cluster. It {@linkplain
 * io.queryflux.engine.Engine#prepare prepares} a {@link io.queryflux.engine.QueryExecution}
 * (so another thread can cancel it before it returns), whose {@code run()} yields a pull-based
 * {@link io.queryflux.engine.ResultCursor}: rows are produced only as fast as the frontend
 * reads them, which is how backpressure reaches the engine.
 */
package io.queryflux.engine;
