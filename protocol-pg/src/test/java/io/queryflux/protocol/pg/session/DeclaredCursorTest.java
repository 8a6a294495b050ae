package io.queryflux.protocol.pg.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Reading a declared cursor in windows, and what an engine error mid-way does to it. */
class DeclaredCursorTest {
    /** Rows 0, 1, 2... that fail when row {@code failAt} is reached. */
    private static final class Counting implements ResultCursor {
        private final int failAt;
        private int row = -1;
        private boolean closed;

        Counting(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public List<Column> columns() {
            return List.of(new Column("n", SqlType.BIGINT));
        }

        @Override
        public boolean next() throws QueryException {
            if (++row == failAt) {
                throw new QueryException(ErrorCode.DIVISION_BY_ZERO, "division by zero");
            }
            return true;
        }

        @Override
        public Object value(int column) {
            return (long) row;
        }

        @Override
        public OptionalLong updateCount() {
            return OptionalLong.empty();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void windowsReadOnFromWhereTheLastOneStopped() throws QueryException {
        Counting rows = new Counting(-1);
        DeclaredCursor cursor = new DeclaredCursor(new Execution(rows, Optional.empty(), "SELECT"), true, false);
        try (ResultCursor first = cursor.window(2)) {
            assertTrue(first.next());
            assertEquals(0L, first.value(0));
            assertTrue(first.next());
            assertFalse(first.next());
        }
        assertFalse(rows.closed); // a window's close leaves the cursor open
        assertEquals(3, cursor.skip(3));
        ResultCursor next = cursor.window(1);
        assertTrue(next.next());
        assertEquals(5L, next.value(0));
    }

    @Test
    void anEngineErrorFailsTheCursorForLaterFetches() throws QueryException {
        Counting rows = new Counting(2);
        DeclaredCursor cursor = new DeclaredCursor(new Execution(rows, Optional.empty(), "SELECT"), true, false);
        ResultCursor window = cursor.window(10);
        assertTrue(window.next());
        assertTrue(window.next());
        assertEquals(ErrorCode.DIVISION_BY_ZERO, assertThrows(QueryException.class, window::next).code());
        assertTrue(rows.closed); // the engine's resources go at once
        assertEquals("55000", assertThrows(QueryException.class, () -> cursor.window(1).next()).sqlState());
    }

    @Test
    void aHeldCursorOutlivesCommitsAndLaterRollbacksButNotItsOwnRollback() {
        Counting kept = new Counting(-1);
        DeclaredCursor held = new DeclaredCursor(new Execution(kept, Optional.empty(), "SELECT"), true, true);
        assertTrue(held.outlives(true));
        assertTrue(held.outlives(false)); // committed before: a later rollback leaves it
        Counting undone = new Counting(-1);
        assertFalse(new DeclaredCursor(new Execution(undone, Optional.empty(), "SELECT"), true, true).outlives(false));
        assertTrue(undone.closed);
        Counting plain = new Counting(-1);
        assertFalse(new DeclaredCursor(new Execution(plain, Optional.empty(), "SELECT"), false, true).outlives(true));
        assertTrue(plain.closed);
    }
}
