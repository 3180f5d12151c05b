package dev.sns.api;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How the OpenAPI documents describe the error answers of an operation: one response per HTTP status, whose
 * {@code resultCode} is an enum of the codes that status stands for there, each with an example envelope. Plain maps
 * in OpenAPI's JSON shape, so that the servlet services (springdoc) and the reactive gateway (which adds the codes of
 * its own filters while merging the services' documents) describe errors the same way.
 */
public final class ErrorResponseDocs {

    private ErrorResponseDocs() {
    }

    /** The error responses for these codes, keyed by HTTP status ("400", "401", ...), in status order. */
    public static Map<String, Map<String, Object>> byStatus(Collection<ErrorCode> codes) {
        Map<Integer, List<ErrorCode>> grouped = (codes.isEmpty() ? EnumSet.noneOf(ErrorCode.class) : EnumSet.copyOf(codes))
                .stream().collect(Collectors.groupingBy(code -> code.status().value(), TreeMap::new, Collectors.toList()));
        Map<String, Map<String, Object>> responses = new LinkedHashMap<>();
        grouped.forEach((status, ofStatus) -> responses.put(String.valueOf(status), response(ofStatus)));
        return responses;
    }

    /** One status's response: its codes (all of that status) in the schema's enum and as named examples. */
    static Map<String, Object> response(List<ErrorCode> codes) {
        Map<String, Object> examples = new LinkedHashMap<>();
        for (ErrorCode code : codes) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("resultCode", code.name());
            envelope.put("result", null);
            envelope.put("resultMessage", code.message());
            examples.put(code.name(), Map.of("summary", code.message(), "value", envelope));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("resultCode", Map.of("type", "string", "enum", codes.stream().map(Enum::name).toList()));
        properties.put("result", Map.of("description",
                "null; for INVALID_REQUEST a list of {field, message} where the invalid input is known"));
        properties.put("resultMessage", Map.of("type", "string"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("required", List.of("resultCode", "result", "resultMessage"));
        schema.put("properties", properties);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", schema);
        json.put("examples", examples);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("description", codes.stream().map(code -> code.name() + ": " + code.message())
                .collect(Collectors.joining("; ")));
        response.put("content", Map.of("application/json", json));
        return response;
    }
}
