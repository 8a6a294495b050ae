package io.queryflux.sql;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import net.sf.jsqlparser.parser.Node;

/**
 * Compares two JSQLParser trees field by field: the same node classes, the same collection
 * classes, the same values. Only the parse-tree back references (the {@code node} of each AST
 * object, which holds token positions) are skipped; they are not read when printing.
 */
final class JSqlTrees {
    private JSqlTrees() {}

    /** The paths at which the trees differ, empty when they are the same. */
    static List<String> differences(Object expected, Object actual) {
        List<String> out = new ArrayList<>();
        compare("", expected, actual, out, new IdentityHashMap<>());
        return out;
    }

    private static void compare(String path, Object expected, Object actual, List<String> out,
            Map<Object, Object> seen) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                out.add(path + ": " + describe(expected) + " vs " + describe(actual));
            }
            return;
        }
        if (expected.getClass() != actual.getClass()) {
            out.add(path + ": " + describe(expected) + " vs " + describe(actual));
            return;
        }
        // A pair already compared (or being compared, in a cycle) is not walked again.
        if (seen.get(expected) == actual) {
            return;
        }
        seen.put(expected, actual);
        if (expected instanceof Collection<?> e) {
            Collection<?> a = (Collection<?>) actual;
            if (e.size() != a.size()) {
                out.add(path + ": size " + e.size() + " vs " + a.size());
                return;
            }
            Iterator<?> ai = a.iterator();
            int i = 0;
            for (Object element : e) {
                compare(path + "[" + i++ + "]", element, ai.next(), out, seen);
            }
        } else if (expected instanceof Map<?, ?> e) {
            if (!e.equals(actual)) {
                out.add(path + ": " + e + " vs " + actual);
            }
        } else if (!(expected instanceof Enum<?>) && expected.getClass().getName().startsWith("net.sf.jsqlparser.")) {
            for (Class<?> type = expected.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || Node.class.isAssignableFrom(field.getType())) {
                        continue;
                    }
                    field.setAccessible(true);
                    try {
                        compare(path + "/" + expected.getClass().getSimpleName() + "." + field.getName(),
                                field.get(expected), field.get(actual), out, seen);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } else if (!Objects.equals(expected, actual)) {
            out.add(path + ": " + describe(expected) + " vs " + describe(actual));
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName() + " " + value;
    }
}
