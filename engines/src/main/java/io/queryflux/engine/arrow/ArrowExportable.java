package io.queryflux.engine.arrow;

import io.queryflux.engine.QueryException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A capability of some {@link io.queryflux.engine.ResultCursor}s: the result can be handed over
 * as Arrow record batches, so an Arrow frontend (Flight SQL) streams the engine's own columnar
 * data instead of reading row by row and re-encoding. Test with {@code cursor instanceof
 * ArrowExportable}; engines that cannot export simply do not implement it.
 *
 * <p>Backpressure is the same as for rows: the engine produces the next batch only when the
 * caller calls {@link ArrowReader#loadNextBatch()}.
 */
public interface ArrowExportable {
    /**
     * Exports the whole result. Call it instead of {@link io.queryflux.engine.ResultCursor#next()},
     * never after it. The reader's buffers come from {@code allocator}; close the reader, then the
     * cursor and execution as usual (cancel still works through the execution).
     *
     * @param batchRows the most rows per record batch
     * @throws IllegalStateException if rows were already read through the cursor
     */
    ArrowReader exportArrow(BufferAllocator allocator, int batchRows) throws QueryException;
}
