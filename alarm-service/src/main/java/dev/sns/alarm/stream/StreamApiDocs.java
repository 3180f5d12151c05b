package dev.sns.alarm.stream;

import dev.sns.web.docs.ApiDocsConfiguration;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stream in the service's OpenAPI document: springdoc sees only Spring MVC's handlers, and the stream is served by
 * the stream server. Described as its handler was; the error responses and the token schemes are added by
 * web-support's customizer (which runs after this one: the service's beans come before the auto-configuration's).
 */
@Configuration(proxyBeanMethods = false)
class StreamApiDocs {

    @Bean
    OpenApiCustomizer alarmStreamOperation() {
        return openApi -> {
            Operation subscribe = new Operation()
                .addTagsItem("alarm-subscribe-controller")
                .operationId("subscribe")
                .summary("The live alarm stream (docs/alarms.md, SSE protocol)")
                .addParametersItem(new Parameter().in("header").name("Last-Event-ID").required(false)
                        .description("the last alarm id seen: the alarms after it are replayed first")
                        .schema(new StringSchema()))
                .addParametersItem(new Parameter().in("query").name("lastEventId").required(false)
                        .description("the same, for clients that cannot send the header (the header wins)")
                        .schema(new StringSchema()))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse()
                        .description("a text/event-stream, not wrapped in the envelope")
                        .content(new Content().addMediaType("text/event-stream",
                                new MediaType().schema(new StringSchema())))));
            subscribe.addExtension(ApiDocsConfiguration.RAISES, List.of()); // only what any operation raises
            openApi.path(SubscribeHandler.PATH, new PathItem().get(subscribe));
        };
    }
}
