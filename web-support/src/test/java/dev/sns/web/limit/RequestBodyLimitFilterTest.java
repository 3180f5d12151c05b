package dev.sns.web.limit;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.sns.web.error.ApiExceptionHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Bodies over the limit never reach a controller, whether they announce their length or arrive chunked. */
class RequestBodyLimitFilterTest {

    private static final int LIMIT = 1024;

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Echo())
            .setControllerAdvice(new ApiExceptionHandler())
            .addFilters(new RequestBodyLimitFilter(LIMIT)).build();

    @Test
    void aBodyAtTheLimitIsServed() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content(json(LIMIT)))
                .andExpect(status().isOk());
    }

    @Test
    void aLongerContentLengthIsRefusedBeforeTheBodyIsRead() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content(json(LIMIT + 1)))
                .andExpect(status().isContentTooLarge()); // the envelope comes from the error controller
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
        mvc.perform(chunked(json(4 * LIMIT)))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.resultCode").value("PAYLOAD_TOO_LARGE"));
        mvc.perform(chunked(json(LIMIT)))
                .andExpect(status().isOk());
    }

    /** {@code {"text":"xxx…"}} of exactly {@code bytes} bytes. */
    private static String json(int bytes) {
        return "{\"text\":\"" + "x".repeat(bytes - 11) + "\"}";
    }

    /** A POST of {@code body} as a chunked body arrives: without a length. */
    private static RequestBuilder chunked(String body) {
        return servletContext -> {
            MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "POST", "/echo") {
                @Override
                public long getContentLengthLong() {
                    return -1;
                }

                @Override
                public int getContentLength() {
                    return -1;
                }
            };
            request.addHeader("Transfer-Encoding", "chunked");
            request.setContentType(MediaType.APPLICATION_JSON_VALUE);
            request.setContent(body.getBytes(StandardCharsets.UTF_8));
            return request;
        };
    }

    @RestController
    static class Echo {
        @PostMapping("/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }
    }
}
