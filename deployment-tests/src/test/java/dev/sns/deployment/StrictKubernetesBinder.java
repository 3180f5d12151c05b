package dev.sns.deployment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds a Kubernetes document to its fabric8 model class and reports everything the API server would reject for its
 * shape: a field the model does not know (fabric8 keeps those in {@code additionalProperties} instead of failing) and
 * a scalar of the wrong type ("2" for an integer, 8080 for a string, "true" for a boolean: no coercion).
 */
final class StrictKubernetesBinder {

    private static final Map<String, Class<? extends HasMetadata>> MODELS = loadModels();

    private final ObjectMapper mapper = strictMapper();

    /** The bound object; throws {@link IllegalArgumentException} listing every problem found. */
    HasMetadata bind(Map<?, ?> document) {
        String apiVersion = String.valueOf(document.get("apiVersion"));
        String kind = String.valueOf(document.get("kind"));
        Class<? extends HasMetadata> type = MODELS.get(key(apiVersion, kind));
        if (type == null) {
            throw new IllegalArgumentException("no Kubernetes model for apiVersion=" + apiVersion + " kind=" + kind);
        }
        HasMetadata bound;
        try {
            bound = mapper.convertValue(document, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        collectAdditionalProperties(bound, "", problems);
        // belt and braces: a key that did not survive the round trip was dropped by the model, i.e. unknown
        collectLostKeys(mapper.valueToTree(document), mapper.valueToTree(bound), "", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(kind + " " + bound.getMetadata().getName() + ": unknown fields "
                    + problems);
        }
        return bound;
    }

    static boolean knows(String apiVersion, String kind) {
        return MODELS.containsKey(key(apiVersion, kind));
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    private static void collectAdditionalProperties(Object node, String path, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectAdditionalProperties(item, path + "[" + index++ + "]", problems);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectAdditionalProperties(value, path + "[" + key + "]", problems));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        Object additional = additionalPropertiesOf(node);
        if (additional instanceof Map<?, ?> extra && !extra.isEmpty()) {
            extra.keySet().forEach(key -> problems.add(join(path, String.valueOf(key))));
        }
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("additionalProperties")) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    collectAdditionalProperties(field.get(node), join(path, field.getName()), problems);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static Object additionalPropertiesOf(Object node) {
        try {
            Method getter = node.getClass().getMethod("getAdditionalProperties");
            return getter.invoke(node);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectLostKeys(JsonNode input, JsonNode bound, String path, List<String> problems) {
        if (input.isObject()) {
            if (!bound.isObject()) {
                return; // a custom (de)serialised value such as IntOrString or Quantity
            }
            input.properties().forEach(entry -> {
                if (entry.getValue().isNull()) {
                    return;
                }
                JsonNode kept = bound.get(entry.getKey());
                String child = join(path, entry.getKey());
                if (kept == null) {
                    problems.add(child);
                } else {
                    collectLostKeys(entry.getValue(), kept, child, problems);
                }
            });
        } else if (input.isArray() && bound.isArray() && input.size() == bound.size()) {
            for (int i = 0; i < input.size(); i++) {
                collectLostKeys(input.get(i), bound.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + "|" + kind;
    }

    /** apiVersion + kind of every model class that the fabric8 model jars register as a KubernetesResource. */
    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends HasMetadata>> loadModels() {
        Map<String, Class<? extends HasMetadata>> models = new TreeMap<>();
        ClassLoader loader = StrictKubernetesBinder.class.getClassLoader();
        try {
            Enumeration<URL> registrations = loader.getResources(
                    "META-INF/services/" + KubernetesResource.class.getName());
            while (registrations.hasMoreElements()) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                        registrations.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        String className = line.replaceAll("#.*", "").trim();
                        if (className.isEmpty()) {
                            continue;
                        }
                        Class<?> type = Class.forName(className, false, loader);
                        if (HasMetadata.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                            Class<? extends HasMetadata> model = (Class<? extends HasMetadata>) type;
                            models.putIfAbsent(key(HasMetadata.getApiVersion(model), HasMetadata.getKind(model)), model);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        if (models.isEmpty()) {
            throw new IllegalStateException("no fabric8 Kubernetes models on the class path");
        }
        return models;
    }
}
