package dev.sns.web.conditional;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads every {@code If-None-Match} header of the request (a list may also come as several headers) into a
 * {@link ConditionalGet}. Unparseable entries are skipped: they match nothing, so the client gets the full answer.
 */
public class ConditionalGetArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ConditionalGet.class;
    }

    @Override
    public ConditionalGet resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                          WebDataBinderFactory binderFactory) {
        List<ETag> tags = new ArrayList<>();
        String[] values = request.getHeaderValues(HttpHeaders.IF_NONE_MATCH);
        if (values != null) {
            for (String value : values) {
                tags.addAll(ETag.parse(value));
            }
        }
        return new ConditionalGet(tags, false);
    }
}
