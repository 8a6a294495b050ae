package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryIdsTest {
    @Test
    void idsHaveTrinosShapeAndAreUnique() {
        QueryIds ids = new QueryIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            assertTrue(id.matches("\\d{8}_\\d{6}_\\d{5}_[a-z2-9]{5}"), id);
            assertTrue(seen.add(id), "duplicate " + id);
        }
        assertEquals(10_000, seen.size());
    }
}
