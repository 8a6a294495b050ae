package io.queryflux.protocol.pg.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionModesTest {
    @Test
    void readsIsolationLevelsAndAccessModesAsPostgresWritesThem() {
        assertEquals(new TransactionModes(Optional.of("repeatable read"), Optional.of(true)),
                TransactionModes.of("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
        assertEquals(new TransactionModes(Optional.of("serializable"), Optional.empty()),
                TransactionModes.of("set session characteristics as transaction isolation level serializable"));
        // READ COMMITTED is a level, not an access mode.
        assertEquals(new TransactionModes(Optional.of("read committed"), Optional.empty()),
                TransactionModes.of("START TRANSACTION ISOLATION LEVEL READ   COMMITTED"));
        assertEquals(new TransactionModes(Optional.of("read uncommitted"), Optional.of(false)),
                TransactionModes.of("BEGIN READ WRITE ISOLATION LEVEL READ UNCOMMITTED"));
        assertEquals(new TransactionModes(Optional.empty(), Optional.of(true)), TransactionModes.of("SET TRANSACTION READ ONLY"));
        assertEquals(new TransactionModes(Optional.empty(), Optional.empty()), TransactionModes.of("BEGIN"));
    }
}
