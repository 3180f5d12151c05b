package dev.sns.infra.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few HTTP calls of the runner, to 127.0.0.1 only, each within 3 s. The registry's credentials go to the
 * registry's port and nowhere else (an instance's port could be anything that took a free port meanwhile), except
 * for an operator's command, sent to an instance the runner has just found alive.
 */
final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern UP_INSTANCE = Pattern.compile("\"status\":\"UP\"");

    private final SuiteEnv env;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    Http(SuiteEnv env) {
        this.env = env;
    }

    /** Whether the process on that port reports itself ready ({@code /readyz} answers 200 with an UP status). */
    boolean ready(int port) {
        return get(port, "/readyz").filter(Http::saysUp).isPresent();
    }

    /** The number of UP instances of a service in the registry, 0 if it does not answer. */
    int registered(String service) {
        return get(env.discoveryPort(), "/eureka/apps/" + service.toUpperCase()).map(Http::upInstances).orElse(0);
    }

    /** Sends a body-less request; whether it answered 2xx. */
    boolean send(String method, int port, String path) {
        try {
            HttpRequest request = request(port, path).method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code POST} to an operator's endpoint of an instance ({@code /actuator/dltreplay}), with the registry's
     * credentials, which the services' management endpoints take too; within {@code timeout}. The answer's body.
     */
    String postAsOperator(int port, String path, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
                .header("Authorization", basic()).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response =
                client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new SuiteException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static boolean saysUp(String readyzBody) {
        return readyzBody.contains("\"UP\"");
    }

    static int upInstances(String eurekaApplicationJson) {
        Matcher matcher = UP_INSTANCE.matcher(eurekaApplicationJson);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private Optional<String> get(int port, String path) {
        try {
            HttpResponse<String> response = client.send(request(port, path).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() / 100 == 2 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpRequest.Builder request(int port, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT).header("Accept", "application/json");
        if (port == env.discoveryPort()) {
            request.header("Authorization", basic());
        }
        return request;
    }

    private String basic() {
        String credentials = env.user() + ":" + env.password();
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
