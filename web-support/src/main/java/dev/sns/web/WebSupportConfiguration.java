package dev.sns.web;

import dev.sns.web.conditional.ConditionalGetArgumentResolver;
import dev.sns.web.error.ApiExceptionHandler;
import dev.sns.web.error.EnvelopeErrorController;
import dev.sns.web.limit.RequestBodyLimitFilter;
import dev.sns.web.paging.PageQueryArgumentResolver;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The envelope, error mapping, paging rules, conditional GETs and the request body limit, switched on in every
 * servlet service by the dependency alone.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@Import({ApiExceptionHandler.class, EnvelopeErrorController.class})
public class WebSupportConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PageQueryArgumentResolver());
        resolvers.add(new ConditionalGetArgumentResolver());
    }

    /** Before anything else, Spring Security included: a refused body is never read. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(
            @Value("${sns.web.max-request-body:1MB}") DataSize maxRequestBody) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxRequestBody.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
