package dev.sns.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker-compose.yml and .env.example, read and interpolated the way `docker compose` does. */
final class Compose {

    /** $$ (a literal $), ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ${NAME:+x}, $NAME. */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** A variable the compose file reads from the environment / .env. */
    record Variable(String name, boolean hasDefault) {
    }

    private Compose() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> file() {
        return Repo.yamlMap(Repo.path("docker-compose.yml"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        Yamls.map(compose, "services").forEach((name, service) -> services.put(name, (Map<String, Object>) service));
        return services;
    }

    /** The variables of every string in the file, by name (a variable used with and without default: without). */
    static Map<String, Variable> variables(Object node) {
        Map<String, Variable> variables = new TreeMap<>();
        visitStrings(node, text -> {
            Matcher matcher = VARIABLE.matcher(text);
            while (matcher.find()) {
                if (matcher.group().equals("$$")) {
                    continue;
                }
                String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
                String operator = matcher.group(2);
                boolean hasDefault = operator != null && (operator.endsWith("-") || operator.endsWith("+"));
                variables.merge(name, new Variable(name, hasDefault),
                        (a, b) -> new Variable(name, a.hasDefault() && b.hasDefault()));
            }
            return text;
        });
        return variables;
    }

    /** The file with every variable replaced from {@code environment}; a missing required one becomes "x". */
    static Object interpolate(Object node, Map<String, String> environment) {
        return visitStrings(node, text -> {
            Matcher matcher = VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String replacement;
                if (matcher.group().equals("$$")) {
                    replacement = "$";
                } else {
                    String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
                    String operator = matcher.group(2) == null ? "" : matcher.group(2);
                    String argument = matcher.group(3) == null ? "" : matcher.group(3);
                    String value = environment.get(name);
                    boolean unsetOrEmpty = value == null || (operator.startsWith(":") && value.isEmpty());
                    replacement = switch (operator) {
                        case ":-", "-" -> unsetOrEmpty ? argument : value;
                        case ":+", "+" -> unsetOrEmpty ? "" : argument;
                        default -> unsetOrEmpty ? "x" : value; // required (?) or plain: a stand-in value
                    };
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            return out.toString();
        });
    }

    /** KEY=value lines of .env.example (comments and blank lines skipped). */
    static Map<String, String> envExample() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Repo.read(Repo.path(".env.example")).split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                throw new IllegalStateException(".env.example: not KEY=value: " + line);
            }
            values.put(trimmed.substring(0, equals).trim(), trimmed.substring(equals + 1).trim());
        }
        return values;
    }

    /** The environment of a service as a map (compose accepts a map or a list of KEY=value). */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((key, value) -> environment.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        } else if (raw instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                environment.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : text.substring(equals + 1));
            }
        }
        return environment;
    }

    /** The health check command of a service as one string. */
    static String healthcheck(Map<String, Object> service) {
        Object test = Yamls.at(service, "healthcheck.test");
        if (test instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return test == null ? null : String.valueOf(test);
    }

    private static Object visitStrings(Object node, Function<String, String> visitor) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, visitStrings(value, visitor)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(value -> copy.add(visitStrings(value, visitor)));
            return copy;
        }
        if (node instanceof String text) {
            return visitor.apply(text);
        }
        return node;
    }
}
