package dev.sns.deployment;

import java.util.List;
import java.util.Map;

/** Navigation in the maps and lists that SnakeYAML returns. */
final class Yamls {

    private Yamls() {
    }

    /** The value at a dotted path of map keys, or null. */
    static Object at(Object node, String dottedPath) {
        Object current = node;
        for (String key : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static String string(Object node, String dottedPath) {
        Object value = at(node, dottedPath);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String dottedPath) {
        Object value = at(node, dottedPath);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String dottedPath) {
        Object value = at(node, dottedPath);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
