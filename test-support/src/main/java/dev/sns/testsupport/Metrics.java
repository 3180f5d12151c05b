package dev.sns.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test toolkit's metrics reader: an instance's Prometheus text from its actuator (the port registered in Eureka,
 * or the gateway's management port), and sums of a metric's series over the instances of a service.
 */
public final class Metrics {

    /** The Prometheus text of the instance at {@code port}; an instance that does not answer fails the call. */
    public static String scrape(int port) {
        return Gateway.getDirect(port, "/actuator/prometheus");
    }

    /** The Prometheus text of the instance at {@code port}, empty when it does not answer (within 5 s) or not with a 200. */
    public static String scrapeOrEmpty(int port) {
        try {
            HttpResponse<String> response = Gateway.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/prometheus")).timeout(Duration.ofSeconds(5)).build());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (RuntimeException noAnswer) {
            return "";
        }
    }

    /** The value of a metric summed over every instance of the service (all its series). */
    public static double sum(String service, String metric) {
        return sum(service, metric, labels -> true);
    }

    /** The same over the series whose labels (e.g. {@code uri="/api/v1/posts",status="200"}) pass the filter. */
    public static double sum(String service, String metric, Predicate<String> labels) {
        double total = 0;
        for (int port : Gateway.instancePorts(service)) {
            total += sumOf(scrape(port), metric, labels);
        }
        return total;
    }

    /** {@code first} minus {@code second}, both summed over all instances, each instance's pair from one scrape. */
    public static double difference(String service, String first, String second) {
        double total = 0;
        for (int port : Gateway.instancePorts(service)) {
            String scrape = scrape(port);
            total += sumOf(scrape, first, labels -> true) - sumOf(scrape, second, labels -> true);
        }
        return total;
    }

    /** The sum of a metric's series in one Prometheus text whose labels pass the filter. */
    public static double sumOf(String scrape, String metric, Predicate<String> labels) {
        Pattern line = Pattern.compile("^" + metric + "(?:\\{([^}]*)})? ([0-9.Ee+-]+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        double total = 0;
        while (matcher.find()) {
            if (labels.test(matcher.group(1) == null ? "" : matcher.group(1))) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }

    private Metrics() {
    }
}
