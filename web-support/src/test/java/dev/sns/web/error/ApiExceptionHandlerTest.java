package dev.sns.web.error;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The mapping of a database that cannot serve the request now (pool exhausted, timeouts, deadlocks): 503, not 500. */
class ApiExceptionHandlerTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ApiExceptionHandler()).build();

    @Test
    void aDatabaseThatCannotServeTheRequestNowIsA503WithRetryAfter() throws Exception {
        for (String failure : new String[] {"pool", "timeout", "lock", "down"}) {
            mvc.perform(get("/fail/" + failure))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "1"))
                    .andExpect(jsonPath("$.resultCode").value("SERVICE_UNAVAILABLE"));
        }
    }

    @Test
    void anythingElseUnexpectedStaysA500WithoutDetails() throws Exception {
        mvc.perform(get("/fail/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.resultCode").value("INTERNAL_SERVER_ERROR"))
                .andExpect(jsonPath("$.result").doesNotExist());
    }

    @RestController
    static class Failing {

        @GetMapping("/fail/{failure}")
        String fail(@PathVariable String failure) {
            Supplier<RuntimeException> error = switch (failure) {
                // HikariCP's pool timeout, as Spring's transaction manager reports it
                case "pool" -> () -> new CannotCreateTransactionException("Could not open JPA EntityManager",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms"));
                case "timeout" -> () -> new QueryTimeoutException("statement timeout");
                case "lock" -> () -> new CannotAcquireLockException("Deadlock found when trying to get lock");
                case "down" -> () -> new DataAccessResourceFailureException("Communications link failure");
                default -> () -> new IllegalStateException("a bug");
            };
            throw error.get();
        }
    }
}
