package dev.sns.gateway.docs;

import dev.sns.api.ErrorCode;
import dev.sns.api.ErrorResponseDocs;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public OpenAPI document: the documents of the services the gateway routes to, merged into one that describes the
 * API as clients call it here. A service's path is kept only when the gateway's routes send it to that service (the
 * first route whose Path patterns match, as the gateway picks), so anything no route exposes ({@code /internal/**},
 * the actuator) cannot appear even if a service documented it. The gateway adds what its own route filters answer
 * ({@link #FILTER_CODES}); the servers are the gateway itself.
 */
final class ApiDocs {

    /** Error codes a gateway filter of a route answers by itself, before the service sees the request. */
    static final Map<String, List<ErrorCode>> FILTER_CODES = Map.of("RequestRateLimiter", List.of(ErrorCode.TOO_MANY_REQUESTS));

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^/]+}");
    private static final String SCHEMA_REF = "#/components/schemas/";

    private ApiDocs() {
    }

    /** A route as far as the document cares: the service it sends to, its path patterns, the codes its filters add. */
    record Route(String service, List<PathPattern> paths, List<ErrorCode> codes) {

        /** Routes in the order the gateway tries them; only those to a service by id ({@code lb://}) have documents. */
        static List<Route> of(List<RouteDefinition> definitions) {
            return definitions.stream()
                    .sorted(Comparator.comparingInt(RouteDefinition::getOrder)) // stable: equal orders keep theirs
                    .filter(definition -> "lb".equals(definition.getUri().getScheme()))
                    .map(Route::of)
                    .toList();
        }

        private static Route of(RouteDefinition definition) {
            URI uri = definition.getUri();
            List<PathPattern> paths = new ArrayList<>();
            for (PredicateDefinition predicate : definition.getPredicates()) {
                if ("Path".equals(predicate.getName())) {
                    predicate.getArgs().values().stream()
                            .flatMap(value -> List.of(value.split(",")).stream())
                            .map(String::trim)
                            .filter(value -> value.startsWith("/"))
                            .forEach(value -> paths.add(PathPatternParser.defaultInstance.parse(value)));
                }
            }
            List<ErrorCode> codes = definition.getFilters().stream().map(FilterDefinition::getName)
                    .flatMap(name -> FILTER_CODES.getOrDefault(name, List.of()).stream()).toList();
            return new Route(uri.getHost(), paths, codes);
        }

        boolean matches(PathContainer path) {
            return paths.stream().anyMatch(pattern -> pattern.matches(path));
        }
    }

    /** A service's own document, as its {@code /v3/api-docs} answered. */
    record ServiceDocument(String service, JsonNode document) {
    }

    /** The services whose documents make up the public one, in route order. */
    static List<String> services(List<Route> routes) {
        return routes.stream().map(Route::service).distinct().toList();
    }

    static ObjectNode merge(List<ServiceDocument> documents, List<Route> routes, JsonMapper json) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", documents.isEmpty() ? "3.1.0" : documents.getFirst().document().path("openapi").asString("3.1.0"));
        merged.putObject("info")
                .put("title", "SNS public API")
                .put("version", "1")
                .put("description", "Every path is called at this gateway. Each JSON answer is the envelope "
                        + "{\"resultCode\", \"result\", \"resultMessage\"}; each error response lists the resultCode "
                        + "values of its status. The contract in prose: docs/api.md.");
        merged.putArray("servers").addObject().put("url", "/").put("description", "this gateway");
        Map<String, JsonNode> paths = new TreeMap<>();
        ObjectNode schemas = json.createObjectNode();
        ObjectNode securitySchemes = json.createObjectNode();
        for (ServiceDocument source : documents) {
            JsonNode document = withUniqueSchemaNames(source, schemas);
            document.path("components").path("schemas").properties().forEach(e -> schemas.set(e.getKey(), e.getValue()));
            document.path("components").path("securitySchemes").properties()
                    .forEach(e -> securitySchemes.putIfAbsent(e.getKey(), e.getValue()));
            document.path("paths").properties().forEach(entry -> {
                Route route = routeOf(entry.getKey(), routes);
                if (route != null && route.service().equals(source.service())) {
                    paths.putIfAbsent(entry.getKey(), withRouteCodes((ObjectNode) entry.getValue(), route, json));
                }
            });
        }
        ObjectNode pathsNode = merged.putObject("paths");
        paths.forEach(pathsNode::set);
        ObjectNode components = merged.putObject("components");
        components.set("schemas", schemas);
        components.set("securitySchemes", securitySchemes);
        return merged;
    }

    /** The route the gateway sends a documented path to: the first whose patterns match it, with any variable filled in. */
    static Route routeOf(String documentedPath, List<Route> routes) {
        PathContainer path = PathContainer.parsePath(PATH_VARIABLE.matcher(documentedPath).replaceAll("1"));
        return routes.stream().filter(route -> route.matches(path)).findFirst().orElse(null);
    }

    /**
     * Each operation's error responses written anew from their codes plus those the route's own filters answer: one
     * shape for every error response, with the example envelopes' {@code "result": null} that the services' swagger
     * serializer leaves out.
     */
    private static JsonNode withRouteCodes(ObjectNode pathItem, Route route, JsonMapper json) {
        ObjectNode item = pathItem.deepCopy();
        item.properties().stream().filter(e -> METHODS.contains(e.getKey()) && e.getValue().isObject()).forEach(e -> {
            ObjectNode responses = ((ObjectNode) e.getValue()).withObjectProperty("responses");
            Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
            codes.addAll(route.codes());
            codes.addAll(errorCodes(responses));
            ObjectNode rebuilt = json.createObjectNode();
            responses.properties().stream().filter(r -> !isError(r.getKey())).forEach(r -> rebuilt.set(r.getKey(), r.getValue()));
            ErrorResponseDocs.byStatus(codes).forEach((status, response) -> rebuilt.set(status, json.valueToTree(response)));
            ((ObjectNode) e.getValue()).set("responses", rebuilt);
        });
        return item;
    }

    /** 4xx, 5xx: an error response, in the envelope; 2xx and 304 are kept as the service wrote them. */
    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    /** The resultCode values the error responses of an operation name (ErrorResponseDocs' shape). */
    static List<ErrorCode> errorCodes(JsonNode responses) {
        List<ErrorCode> codes = new ArrayList<>();
        responses.properties().stream().filter(r -> isError(r.getKey())).forEach(r -> r.getValue()
                .path("content").path("application/json").path("schema").path("properties").path("resultCode").path("enum")
                .valueStream().map(JsonNode::asString).map(ErrorCode::valueOf).forEach(codes::add));
        return codes;
    }

    /**
     * The document with each schema that another service already defined differently renamed to
     * {@code <service>.<name>}, references included: services name their types independently.
     */
    private static JsonNode withUniqueSchemaNames(ServiceDocument source, ObjectNode known) {
        Map<String, String> renamed = new HashMap<>();
        source.document().path("components").path("schemas").properties().forEach(e -> {
            if (known.has(e.getKey()) && !known.get(e.getKey()).equals(e.getValue())) {
                renamed.put(SCHEMA_REF + e.getKey(), SCHEMA_REF + source.service() + "." + e.getKey());
            }
        });
        if (renamed.isEmpty()) {
            return source.document();
        }
        JsonNode copy = source.document().deepCopy();
        ObjectNode schemas = (ObjectNode) copy.path("components").path("schemas");
        for (String ref : renamed.keySet()) {
            String name = ref.substring(SCHEMA_REF.length());
            schemas.set(source.service() + "." + name, schemas.remove(name));
        }
        rewriteRefs(copy, renamed);
        return copy;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && renamed.containsKey(ref.asString())) {
                object.put("$ref", renamed.get(ref.asString()));
            }
            object.valueStream().forEach(child -> rewriteRefs(child, renamed));
        } else if (node instanceof ArrayNode array) {
            array.valueStream().forEach(child -> rewriteRefs(child, renamed));
        }
    }
}
