package dev.sns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The published OpenAPI document at the gateway against docs/api.md, the contract page: the same operations (every
 * method and path of its endpoint tables, no more), and per operation the same statuses and resultCode values (its
 * "errors" column, plus what every endpoint may answer), statuses as its resultCode table says. An endpoint added to
 * both is covered without touching this test.
 */
class ApiDocsE2ETest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z_]+)`");
    private static final Pattern OPERATION = Pattern.compile("^(GET|POST|PUT|DELETE|PATCH) `([^`?]+)");

    static Contract contract;
    static JsonNode document;

    /** docs/api.md as data: each code's status, the codes any endpoint may answer, each endpoint's own codes. */
    record Contract(Map<String, Integer> statusOf, List<String> anyEndpoint, Map<String, List<String>> endpoints,
                    Set<String> conditional) {

        static Contract read(Path apiMd) throws IOException {
            List<String> lines = Files.readAllLines(apiMd);
            Map<String, Integer> statusOf = new LinkedHashMap<>();
            Map<String, List<String>> endpoints = new TreeMap<>();
            List<String> header = List.of();
            for (String line : lines) {
                if (!line.startsWith("|")) {
                    header = List.of();
                    continue;
                }
                List<String> cells = cells(line);
                if (header.isEmpty()) {
                    header = cells;
                } else if (header.getFirst().equals("resultCode") && cells.get(1).matches("\\d{3}")) {
                    statusOf.put(cells.getFirst().split("\\s")[0], Integer.valueOf(cells.get(1)));
                } else if (header.getFirst().equals("method, path") && header.contains("errors")) {
                    Matcher operation = OPERATION.matcher(cells.getFirst());
                    if (operation.find()) {
                        endpoints.put(key(operation.group(1), operation.group(2)), codes(cells.get(header.indexOf("errors"))));
                    }
                }
            }
            Matcher also = Pattern.compile("every endpoint may also answer: ((?:`[A-Z_]+`,? ?)+)")
                    .matcher(String.join(" ", lines).replaceAll("\\s+", " "));
            assertThat(also.find()).as("docs/api.md names what every endpoint may also answer").isTrue();
            // the GETs its "Conditional GET" section names, which may answer 304 (no body, no code)
            String text = String.join("\n", lines);
            Matcher section = Pattern.compile("## Conditional GET[^\n]*\n(.*?)answer with", Pattern.DOTALL).matcher(text);
            assertThat(section.find()).as("docs/api.md names the conditional GETs").isTrue();
            Set<String> conditional = new TreeSet<>();
            Matcher path = Pattern.compile("`(?:GET )?(/api/[^`]+)`").matcher(section.group(1));
            while (path.find()) {
                conditional.add(key("GET", path.group(1)));
            }
            assertThat(conditional).as("conditional GETs").hasSizeGreaterThanOrEqualTo(5);
            return new Contract(statusOf, codes(also.group(1)), endpoints, conditional);
        }

        /** The statuses an endpoint answers and the codes of each: 200 with SUCCESS, its errors by status. */
        Map<String, Set<String>> answers(String endpoint) {
            Map<String, Set<String>> byStatus = new TreeMap<>();
            byStatus.put("200", new TreeSet<>());
            if (conditional.contains(endpoint)) {
                byStatus.put("304", new TreeSet<>());
            }
            List<String> all = new ArrayList<>(endpoints.get(endpoint));
            all.addAll(anyEndpoint);
            for (String code : all) {
                assertThat(statusOf).as("docs/api.md's resultCode table names %s", code).containsKey(code);
                byStatus.computeIfAbsent(String.valueOf(statusOf.get(code)), status -> new TreeSet<>()).add(code);
            }
            return byStatus;
        }

        private static List<String> cells(String row) {
            String inner = row.strip().substring(1, row.strip().length() - 1);
            return List.of(inner.split("\\|", -1)).stream().map(String::strip).toList();
        }

        private static List<String> codes(String text) {
            List<String> codes = new ArrayList<>();
            Matcher code = CODE.matcher(text);
            while (code.find()) {
                codes.add(code.group(1));
            }
            return codes;
        }
    }

    /** "GET /api/v1/posts/{}": path variables are named differently in prose and code. */
    static String key(String method, String path) {
        return method.toUpperCase() + " " + path.replaceAll("\\{[^}/]+}", "{}");
    }

    @BeforeAll
    static void read() throws IOException {
        contract = Contract.read(Repository.file("docs/api.md"));
        Gateway.Reply reply = Gateway.get("/v3/api-docs", null);
        assertThat(reply.status()).as("the docs need no token: %s", reply.body()).isEqualTo(200);
        document = reply.json();
    }

    @Test
    void documentsExactlyTheOperationsOfTheContractPage() {
        // the tables were parsed at all: 3 user, 11 post and 4 alarm endpoints on 2026-12-03
        assertThat(contract.endpoints()).hasSizeGreaterThanOrEqualTo(18);

        assertThat(operations().keySet()).containsExactlyInAnyOrderElementsOf(contract.endpoints().keySet());
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(document.path("servers").findValuesAsString("url")).containsExactly("/");
    }

    @Test
    void eachOperationAnswersTheStatusesAndCodesOfTheContractPage() {
        operations().forEach((endpoint, operation) -> {
            Map<String, Set<String>> documented = new TreeMap<>();
            operation.path("responses").properties().forEach(response -> {
                Set<String> codes = new TreeSet<>();
                response.getValue().path("content").path("application/json").path("schema").path("properties")
                        .path("resultCode").path("enum").valueStream().forEach(code -> codes.add(code.asString()));
                documented.put(response.getKey(), codes);
            });

            assertThat(documented).as(endpoint).isEqualTo(contract.answers(endpoint));
            boolean needsToken = contract.answers(endpoint).getOrDefault("401", Set.of()).contains("INVALID_TOKEN");
            assertThat(operation.path("security").toString().contains("bearer")).as("%s needs a token", endpoint).isEqualTo(needsToken);
        });
    }

    @Test
    void publishesNothingInternalAndOpensNothingElse() {
        assertThat(document.path("paths").propertyNames()).allMatch(path -> path.startsWith("/api/"), "a public API path");
        assertThat(document.toString()).doesNotContain("/internal", "/actuator", "x-sns-");
        assertThat(document.findValues("value")).as("example envelopes").allSatisfy(example ->
                assertThat(example.has("result")).as("%s has its result", example).isTrue());

        for (String path : new String[] {"/v3/api-docs.yaml", "/v3/api-docs/user-service", "/internal/users?ids=1",
                "/actuator/health", "/api/v1/users/v3/api-docs", "/api/v1/posts/v3/api-docs"}) {
            Gateway.Reply reply = Gateway.get(path, null);
            assertThat(reply.status()).as(path).isIn(401, 404);
            assertThat(reply.isEnvelope()).as(path).isTrue();
        }
    }

    @Test
    void servesSwaggerUiForTheDocument() {
        Gateway.Reply page = Gateway.call("GET", "/docs", null, null, "Accept", "text/html");

        assertThat(page.status()).isEqualTo(200);
        Matcher file = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(page.body());
        int files = 0;
        while (file.find()) {
            files++;
            assertThat(Gateway.get(file.group(1), null).status()).as(file.group(1)).isEqualTo(200);
        }
        assertThat(files).isPositive();
        assertThat(Gateway.get("/docs/swagger-init.js", null).body()).contains("/v3/api-docs");
    }

    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(method -> METHODS.contains(method.getKey()))
                .forEach(method -> operations.put(key(method.getKey(), path.getKey()), method.getValue())));
        return operations;
    }
}
