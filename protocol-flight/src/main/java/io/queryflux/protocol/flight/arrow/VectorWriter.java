package io.queryflux.protocol.flight.arrow;

/**
 * Writes one Java value (as {@link io.queryflux.engine.SqlType} documents them) into one
 * vector at a row index; null writes a null. Bound to its vector for a whole stream.
 */
@FunctionalInterface
public interface VectorWriter {
    void write(int index, Object value);
}
