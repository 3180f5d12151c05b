package dev.sns.web.docs;

import dev.sns.api.ErrorCode;
import dev.sns.api.ErrorResponseDocs;
import dev.sns.security.TokenPolicy;
import dev.sns.web.conditional.ConditionalGet;
import dev.sns.web.paging.PageQuery;
import dev.sns.web.paging.PageQueryArgumentResolver;
import dev.sns.web.security.AuthUser;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The service's OpenAPI document (springdoc, {@code /v3/api-docs}, which the gateway merges into the public one):
 * each operation lists the error codes it can answer, derived from the handler and the security settings where they
 * follow from them, named with {@link Raises} where they are the API's own rules. Which paths are documented and where
 * is configuration ({@code springdoc.*} in config-repo/application.yml).
 */
@AutoConfiguration
@ConditionalOnClass(OperationCustomizer.class)
public class ApiDocsConfiguration {

    /** What any operation may answer: a dependency down or busy (503), or a bug (500). */
    public static final List<ErrorCode> ANY_OPERATION = List.of(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.INTERNAL_SERVER_ERROR);

    /** What a JSON body brings: invalid or unreadable, another content type, too large. */
    static final List<ErrorCode> WITH_BODY = List.of(ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            ErrorCode.PAYLOAD_TOO_LARGE);

    /** Carries an operation's codes from the handler to the document's customizer, which replaces it by responses. */
    public static final String RAISES = "x-sns-raises";
    static final String BEARER = "bearer";
    static final String QUERY_TOKEN = "queryToken";
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^/]+}");

    static {
        // the caller comes from the token, paging from three query parameters and a conditional GET from a header (both
        // added below): none is a request object
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthUser.class, PageQuery.class, ConditionalGet.class);
    }

    @Bean
    OperationCustomizer errorCodesOfTheHandler() {
        return ApiDocsConfiguration::describeHandler;
    }

    @Bean
    OpenApiCustomizer errorResponsesAndSecurity(TokenPolicy security,
                                                @Value("${spring.application.name}") String applicationName) {
        List<PathPattern> open = patterns(security.publicPaths());
        List<PathPattern> queryToken = patterns(security.queryTokenPaths());
        return openApi -> {
            openApi.info(new Info().title(applicationName).version("1"));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT").description("the token of POST /api/v1/users/login")));
            if (!queryToken.isEmpty()) {
                components.addSecuritySchemes(QUERY_TOKEN, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.QUERY).name("token")
                        .description("the same token, for browsers' EventSource, which cannot send headers"));
            }
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                PathContainer concrete = PathContainer.parsePath(PATH_VARIABLE.matcher(path).replaceAll("1"));
                item.readOperations().forEach(operation -> describeErrors(operation,
                        !matchesAny(open, concrete), matchesAny(queryToken, concrete)));
            });
        };
    }

    private static Operation describeHandler(Operation operation, HandlerMethod handler) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        Raises raises = handler.getMethodAnnotation(Raises.class);
        if (raises != null) {
            codes.addAll(List.of(raises.value()));
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                codes.addAll(WITH_BODY);
            } else if (parameter.getParameterType() == ConditionalGet.class) {
                operation.addParametersItem(new Parameter().in("header").name(HttpHeaders.IF_NONE_MATCH)
                        .description("ETag(s) of the copy the client holds (ext): 304 without body while it is current")
                        .schema(new StringSchema()));
                if (operation.getResponses() != null) {
                    operation.getResponses().addApiResponse("304", new ApiResponse()
                            .description("Not Modified (ext): the copy named in If-None-Match is current; no body"));
                }
            } else if (parameter.getParameterType() == PageQuery.class) {
                codes.add(ErrorCode.INVALID_REQUEST); // sort on anything but the sortable properties
                pagingParameters().forEach(operation::addParametersItem);
            } else if (parameter.hasParameterAnnotation(PathVariable.class) && parameter.getParameterType() != String.class
                    || isCheckedQueryParameter(parameter)) {
                codes.add(ErrorCode.INVALID_REQUEST); // wrong type, missing
            }
        }
        if (ResponseBodyEmitter.class.isAssignableFrom(handler.getReturnType().getParameterType())
                && operation.getResponses() != null && operation.getResponses().get("200") != null) {
            operation.getResponses().get("200").description("a text/event-stream, not wrapped in the envelope")
                    .content(new Content().addMediaType("text/event-stream", new MediaType().schema(new StringSchema())));
        }
        operation.addExtension(RAISES, codes.stream().map(Enum::name).toList());
        return operation;
    }

    /** A query parameter that must be there, or must be of a type other than text. */
    private static boolean isCheckedQueryParameter(MethodParameter parameter) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        return query != null && (parameter.getParameterType() != String.class
                || query.required() && ValueConstants.DEFAULT_NONE.equals(query.defaultValue()));
    }

    private static List<Parameter> pagingParameters() {
        List<String> sortable = new ArrayList<>(PageQueryArgumentResolver.SORTABLE);
        sortable.sort(null);
        return List.of(
                new Parameter().in("query").name("page").description("0-based; not a number means 0")
                        .schema(new IntegerSchema()._default(0)),
                new Parameter().in("query").name("size").description("clamped to 1.." + PageQuery.MAX_SIZE)
                        .schema(new IntegerSchema()._default(PageQuery.DEFAULT_SIZE)),
                new Parameter().in("query").name("sort")
                        .description("property[,asc|desc] with property one of " + String.join(", ", sortable))
                        .schema(new StringSchema()));
    }

    /** Idempotent: an operation whose codes were already turned into responses is left alone. */
    private static void describeErrors(Operation operation, boolean needsToken, boolean acceptsQueryToken) {
        if (operation.getExtensions() == null || !(operation.getExtensions().remove(RAISES) instanceof List<?> raised)) {
            return;
        }
        if (operation.getExtensions().isEmpty()) {
            operation.setExtensions(null);
        }
        Set<ErrorCode> codes = EnumSet.copyOf(ANY_OPERATION);
        raised.forEach(name -> codes.add(ErrorCode.valueOf(String.valueOf(name))));
        if (needsToken) {
            codes.add(ErrorCode.INVALID_TOKEN);
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            if (acceptsQueryToken) {
                operation.addSecurityItem(new SecurityRequirement().addList(QUERY_TOKEN));
            }
        }
        ErrorResponseDocs.byStatus(codes).forEach((status, response) -> operation.getResponses()
                .addApiResponse(status, Json31.mapper().convertValue(response, ApiResponse.class)));
    }

    private static List<PathPattern> patterns(List<String> paths) {
        return paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(path));
    }
}
