package io.queryflux.protocol.flight.arrow;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.arrow.ArrowExportable;
import io.queryflux.protocol.flight.arrow.ColumnMoves.ColumnMove;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams a cursor to a DoGet listener as Arrow record batches of at most {@code batchRows} rows
 * (fewer once a batch's buffers pass {@code maxBatchBytes}). Before each batch it waits until
 * the client's flow-control window has room ({@link ServerStreamListener#isReady()}), so the
 * cursor is read only as fast as the client reads: at most about one batch is being built and
 * gRPC's small outbound buffer holds the rest. Flight's callback backpressure strategy missed
 * wake-ups under load, so gRPC's on-ready callback only unparks the thread early and a short,
 * growing park bounds any wake-up that is missed.
 */
public final class BatchStreamer {
    private static final long MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How often, in rows, the batch's buffer size is checked against the byte limit. */
    private static final int SIZE_CHECK_ROWS = 1024;

    private final BufferAllocator allocator;
    private final int batchRows;
    private final long maxBatchBytes;

    public BatchStreamer(BufferAllocator allocator, int batchRows, long maxBatchBytes) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.batchRows = batchRows;
        this.maxBatchBytes = maxBatchBytes;
    }

    /**
     * Sends every row of the cursor and completes the stream; returns the rows sent. A cursor
     * that exports Arrow has its batches forwarded; any other is read row by row.
     *
     * @throws QueryException when reading the cursor fails (the caller reports it on the stream)
     * @throws ClientGoneException when the client cancelled or disconnected
     */
    public long stream(ResultCursor cursor, Schema schema, ServerStreamListener listener)
            throws QueryException, ClientGoneException {
        return cursor instanceof ArrowExportable export
                ? streamArrow(export, schema, listener)
                : streamRows(cursor, schema, listener);
    }

    /**
     * Forwards the engine's own record batches, column buffers moved rather than copied where
     * the engine's Arrow type is the declared one ({@link ColumnMoves}). The engine makes the
     * next batch only once the client has room for the previous one, so at most one batch is
     * held besides gRPC's outbound buffer; batches have at most {@code batchRows} rows (the byte
     * limit cannot split a batch the engine has already made).
     */
    public long streamArrow(ArrowExportable export, Schema schema, ServerStreamListener listener)
            throws QueryException, ClientGoneException {
        long sent = 0;
        try (ArrowReader reader = export.exportArrow(allocator, batchRows);
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            VectorSchemaRoot source = reader.getVectorSchemaRoot();
            List<Field> from = source.getSchema().getFields();
            if (from.size() != schema.getFields().size()) {
                throw new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "The engine exported " + from.size()
                        + " Arrow columns for a result of " + schema.getFields().size());
            }
            ColumnMove[] moves = new ColumnMove[from.size()];
            for (int c = 0; c < moves.length; c++) {
                moves[c] = ColumnMoves.of(from.get(c), schema.getFields().get(c), reader);
            }
            // The batches are fresh buffers each time (moved or newly allocated), so gRPC may send
            // them without a copy.
            listener.setUseZeroCopy(true);
            wakeWhenReady(listener);
            listener.start(root);
            while (true) {
                awaitReady(listener);
                if (!reader.loadNextBatch()) {
                    break;
                }
                int rows = source.getRowCount();
                if (rows == 0) {
                    continue;
                }
                for (int c = 0; c < moves.length; c++) {
                    moves[c].move(source.getVector(c), root.getVector(c), rows);
                }
                root.setRowCount(rows);
                listener.putNext();
                sent += rows;
            }
            listener.completed();
        } catch (IOException e) {
            if (e.getCause() instanceof QueryException q) {
                throw q;
            }
            throw new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "Reading the engine's Arrow result failed: "
                    + e.getMessage(), e);
        }
        return sent;
    }

    /** Reads the cursor row by row into Arrow vectors of the declared schema. */
    public long streamRows(ResultCursor cursor, Schema schema, ServerStreamListener listener)
            throws QueryException, ClientGoneException {
        int columns = schema.getFields().size();
        long sent = 0;
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            VectorWriter[] writers = root.getFieldVectors().stream().map(VectorWriters::of).toArray(VectorWriter[]::new);
            wakeWhenReady(listener);
            listener.start(root);
            boolean more = true;
            while (more) {
                root.allocateNew();
                int rows = 0;
                while (rows < batchRows && (more = cursor.next())) {
                    for (int c = 0; c < columns; c++) {
                        write(writers[c], rows, cursor.value(c), schema, c);
                    }
                    rows++;
                    if (rows % SIZE_CHECK_ROWS == 0 && bufferBytes(root, rows) > maxBatchBytes) {
                        break;
                    }
                }
                if (rows == 0) {
                    break;
                }
                root.setRowCount(rows);
                awaitReady(listener);
                listener.putNext();
                sent += rows;
            }
            awaitReady(listener);
            listener.completed();
        }
        return sent;
    }

    /** Sends the schema and no rows, for results that have none (updates through DoGet). */
    public void streamEmpty(Schema schema, ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            listener.start(root);
            listener.completed();
        }
    }

    private static void write(VectorWriter writer, int row, Object value, Schema schema, int column)
            throws QueryException {
        try {
            writer.write(row, value);
        } catch (RuntimeException e) {
            throw new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "Cannot encode column "
                    + schema.getFields().get(column).getName() + " as " + schema.getFields().get(column).getType()
                    + " from a value of class " + (value == null ? "null" : value.getClass().getName()) + ": " + e.getMessage(), e);
        }
    }

    private static long bufferBytes(VectorSchemaRoot root, int rows) {
        long bytes = 0;
        for (FieldVector vector : root.getFieldVectors()) {
            bytes += vector.getBufferSizeFor(rows);
        }
        return bytes;
    }

    /**
     * Lets gRPC wake the streaming thread as soon as the client's window opens; the bounded park
     * in {@link #awaitReady} still covers a wake-up that is missed.
     */
    private static void wakeWhenReady(ServerStreamListener listener) {
        Thread streaming = Thread.currentThread();
        listener.setOnReadyHandler(() -> LockSupport.unpark(streaming));
    }

    private static void awaitReady(ServerStreamListener listener) throws ClientGoneException {
        long park = MIN_PARK_NANOS;
        while (!listener.isReady()) {
            if (listener.isCancelled()) {
                throw new ClientGoneException();
            }
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, MAX_PARK_NANOS);
        }
        if (listener.isCancelled()) {
            throw new ClientGoneException();
        }
    }

    /** The client cancelled the stream or went away. */
    public static final class ClientGoneException extends Exception {
        public ClientGoneException() {
            super("The client cancelled the stream or disconnected", null, false, false);
        }
    }
}
