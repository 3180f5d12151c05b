package dev.sns.web.docs;

import dev.sns.api.ErrorCode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error codes of the API's own rules that an endpoint can answer (POST_NOT_FOUND, ALREADY_LIKED, ...), for its
 * OpenAPI document. The codes that follow from the endpoint's shape are added without being named here: a token
 * (INVALID_TOKEN), a body, path variables or paging (INVALID_REQUEST, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE), and
 * what any endpoint may answer ({@link ApiDocsConfiguration#ANY_OPERATION}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Raises {

    ErrorCode[] value();
}
