package io.queryflux.protocol.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.queryflux.protocol.flight.sql.SqlText;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Prepared statements by their unguessable handle. A prepared statement holds no engine
 * resources (the engine SPI has none to hold): only its text, its schemas and the parameter
 * rows bound last by DoPut, which are inlined as literals when it runs.
 */
final class PreparedStatements {
    private static final int HANDLE_BYTES = 16;
    /** Bounds the memory a client that never closes its statements can take. */
    static final int MAX_OPEN = 10_000;

    /** One prepared statement and the parameter rows bound to it (each row a list of SQL literals). */
    record Prepared(SqlText text, String user, Schema datasetSchema, Schema parameterSchema,
            AtomicReference<List<List<String>>> boundRows) {
        Prepared {
            requireNonNull(text, "text is null");
            requireNonNull(user, "user is null");
            requireNonNull(datasetSchema, "datasetSchema is null");
            requireNonNull(parameterSchema, "parameterSchema is null");
            requireNonNull(boundRows, "boundRows is null");
        }

        /** The rows to run: the bound ones, or one empty row for a statement without parameters. */
        List<List<String>> rowsToRun() {
            List<List<String>> rows = boundRows.get();
            if (text.parameterCount() == 0) {
                return List.of(List.of());
            }
            if (rows.isEmpty()) {
                throw CallStatus.INVALID_ARGUMENT.withDescription("The prepared statement has "
                        + text.parameterCount() + " parameters and none were bound").toRuntimeException();
            }
            return rows;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<ByteString, Prepared> statements = new ConcurrentHashMap<>();

    ByteString add(SqlText text, String user, Schema datasetSchema, Schema parameterSchema) {
        if (statements.size() >= MAX_OPEN) {
            throw CallStatus.RESOURCE_EXHAUSTED.withDescription("Too many open prepared statements ("
                    + MAX_OPEN + "); close some first").toRuntimeException();
        }
        byte[] bytes = new byte[HANDLE_BYTES];
        random.nextBytes(bytes);
        ByteString handle = ByteString.copyFrom(bytes);
        statements.put(handle, new Prepared(text, user, datasetSchema, parameterSchema,
                new AtomicReference<>(List.of())));
        return handle;
    }

    Prepared get(ByteString handle, String user) {
        return Optional.ofNullable(statements.get(handle))
                .filter(p -> p.user().equals(user))
                .orElseThrow(() -> FlightErrors.notFound("Unknown or closed prepared statement"));
    }

    void close(ByteString handle, String user) {
        statements.computeIfPresent(handle, (h, p) -> p.user().equals(user) ? null : p);
    }

    int size() {
        return statements.size();
    }
}
