package dev.sns.web.error;

import dev.sns.api.ApiResponse;
import dev.sns.api.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatch (errors raised before or outside Spring MVC, e.g. by Tomcat or a filter)
 * with the envelope instead of Spring's default body or an HTML page.
 */
@RestController
public class EnvelopeErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ApiResponse<Object>> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 500;
        return ApiExceptionHandler.respond(ErrorCode.forStatus(code), null, null);
    }
}
