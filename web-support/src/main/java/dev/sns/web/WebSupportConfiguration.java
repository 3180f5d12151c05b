package dev.sns.web;

import dev.sns.web.error.ApiExceptionHandler;
import dev.sns.web.error.EnvelopeErrorController;
import dev.sns.web.paging.PageQueryArgumentResolver;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The envelope, error mapping and paging rules, switched on in every servlet service by the dependency alone. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@Import({ApiExceptionHandler.class, EnvelopeErrorController.class})
public class WebSupportConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PageQueryArgumentResolver());
    }
}
