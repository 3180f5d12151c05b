package dev.sns.infra.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesAndAnswersTest {

    @Test
    void anInstanceNameNamesItsServiceOtherProcessesNone() {
        assertThat(Instance.serviceOf("post-service-2")).contains("post-service");
        assertThat(Instance.serviceOf("timeline-service-12")).contains("timeline-service");
        assertThat(Instance.serviceOf("gateway")).isEmpty();
        assertThat(Instance.serviceOf("infra-db")).isEmpty();
        assertThat(Instance.serviceOf("bare-gateway")).isEmpty();
        assertThat(Instance.serviceOf("post-service")).isEmpty();
    }

    @Test
    void readinessIsAnUpStatusInTheBody() {
        assertThat(Http.saysUp("{\"status\":\"UP\"}")).isTrue();
        assertThat(Http.saysUp("{\"status\":\"OUT_OF_SERVICE\"}")).isFalse();
        assertThat(Http.saysUp("{\"status\":\"DOWN\",\"components\":{\"ping\":{\"status\":\"UP-ish\"}}}")).isFalse();
    }

    @Test
    void theRegistryCountsOnlyInstancesThatAreUp() {
        String application = """
                {"application":{"name":"POST-SERVICE","instance":[
                {"instanceId":"localhost:post-service:20001","status":"UP","overriddenStatus":"UNKNOWN"},
                {"instanceId":"localhost:post-service:20002","status":"OUT_OF_SERVICE","overriddenStatus":"OUT_OF_SERVICE"},
                {"instanceId":"localhost:post-service:20003","status":"UP","overriddenStatus":"UNKNOWN"}]}}""";
        assertThat(Http.upInstances(application)).isEqualTo(2);
        assertThat(Http.upInstances("")).isZero();
    }

    @Test
    void theLogsOfANameAreItsOwnAndItsInstancesWithTheirPreviousRuns(@TempDir Path logs) throws IOException {
        for (String file : new String[] {"post-service-1.log", "post-service-1.previous.log", "post-service-2.log",
                "post-service.log", "post-service-x.log", "gateway.log", "infra-db.log"}) {
            Files.writeString(logs.resolve(file), "");
        }
        assertThat(Supervisor.logFiles(logs, "post-service")).extracting(p -> p.getFileName().toString())
                .containsExactly("post-service-1.log", "post-service-1.previous.log", "post-service-2.log",
                        "post-service.log");
        assertThat(Supervisor.logFiles(logs, "gateway")).extracting(p -> p.getFileName().toString())
                .containsExactly("gateway.log");
        assertThat(Supervisor.logFiles(logs.resolve("missing"), "gateway")).isEmpty();
    }
}
