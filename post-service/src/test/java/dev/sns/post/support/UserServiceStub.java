package dev.sns.post.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sns.security.RsaPem;
import dev.sns.web.security.ServiceTokens;
import dev.sns.web.test.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Stands in for user-service's {@code GET /internal/users?ids=1,2,3} (the contract post-service relies on): answers
 * {@code user<id>} / USER for every id, and records each call. It can fail with 500, answer slowly, or stop
 * listening, to play an outage. One per test JVM, so every test class shares one Spring context.
 */
public final class UserServiceStub {

    public enum Mode { OK, ERROR, SLOW, LAGGING }

    /**
     * Verifies callers like user-service's {@code /internal/**} does: a service identity signed with the local
     * profile's service key, for user-service, with the internal scope.
     */
    private static final NimbusJwtDecoder SERVICE_IDENTITIES = serviceIdentities();

    private static NimbusJwtDecoder serviceIdentities() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(RsaPem.publicKey("service-token-public-key",
                TestTokens.setting("config-repo/application-local.yml", "sns", "security", "service-token-public-key"))).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ServiceTokens.ISSUER),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains("user-service")),
                new JwtClaimValidator<String>("scope", ServiceTokens.SCOPE::equals)));
        return decoder;
    }

    /** The caller's service name when it proved a service identity, else null. */
    static String serviceCaller(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            return SERVICE_IDENTITIES.decode(authorization.substring("Bearer ".length())).getSubject();
        } catch (JwtException e) {
            return null;
        }
    }

    /** One call as received. */
    public record Call(Set<Long> ids, String authorization, String traceparent) {

        /** Who called, by the service identity the call carried (null: none, or not a valid one). */
        public String serviceCaller() {
            return UserServiceStub.serviceCaller(authorization);
        }
    }

    /** How long a LAGGING stub takes to answer. */
    public static final java.time.Duration LAG = java.time.Duration.ofMillis(700);

    private static UserServiceStub shared;

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.OK;
    private volatile HttpServer server;
    private final int port;

    private UserServiceStub() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    public static synchronized UserServiceStub shared() {
        if (shared == null) {
            shared = new UserServiceStub();
        }
        return shared;
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    public static String nameOf(long id) {
        return "user" + id;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Back to normal: listening, answering, no calls recorded. */
    public synchronized void reset() {
        mode = Mode.OK;
        if (server == null) {
            server = listen(port);
        }
        calls.clear();
    }

    /** Stops listening: calls get "connection refused". */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private HttpServer listen(int wantedPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", wantedPort), 50);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.createContext("/internal/users", this::users);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void users(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String idsParam = query == null ? "" : Arrays.stream(query.split("&"))
                .filter(p -> p.startsWith("ids=")).map(p -> p.substring(4)).findFirst().orElse("");
        Set<Long> ids = Arrays.stream(idsParam.split(",")).filter(s -> !s.isBlank()).map(Long::valueOf)
                .collect(Collectors.toSet());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        calls.add(new Call(ids, authorization, exchange.getRequestHeaders().getFirst("traceparent")));
        switch (mode) {
            case ERROR -> {
                respond(exchange, 500, "{\"resultCode\":\"INTERNAL_SERVER_ERROR\",\"result\":null}");
                return;
            }
            case SLOW -> sleep(10_000); // far beyond the 2 s time limit
            case LAGGING -> sleep(LAG.toMillis()); // a busy user-service: well within the time limit
            case OK -> { }
        }
        if (serviceCaller(authorization) == null) {
            respond(exchange, 401, "{\"resultCode\":\"INVALID_TOKEN\",\"result\":null}");
            return;
        }
        String users = ids.stream()
                .map(id -> "{\"id\":" + id + ",\"userName\":\"" + nameOf(id) + "\",\"role\":\"USER\"}")
                .collect(Collectors.joining(","));
        respond(exchange, 200, "{\"resultCode\":\"SUCCESS\",\"result\":[" + users + "]}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the caller gave up (time limit): nothing to do
        } finally {
            exchange.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
