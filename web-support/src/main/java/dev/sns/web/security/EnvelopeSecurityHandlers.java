package dev.sns.web.security;

import dev.sns.api.ApiResponse;
import dev.sns.api.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** Security failures (raised in filters, before any controller) written as the envelope. */
class EnvelopeSecurityHandlers {

    private final JsonMapper json;

    EnvelopeSecurityHandlers(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> write(response, ErrorCode.INVALID_TOKEN);
    }

    AccessDeniedHandler accessDenied() {
        return (request, response, e) -> write(response, ErrorCode.INVALID_PERMISSION);
    }

    private void write(HttpServletResponse response, ErrorCode code) throws IOException {
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiResponse.error(code, null, null));
    }
}
