package dev.sns.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Reads the bearer token from the Authorization header, and on the configured paths (the SSE stream, which
 * browsers' EventSource opens without headers) also from {@code ?token=}.
 */
class QueryParameterTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
    private final DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
    private final List<PathPattern> queryTokenPaths;

    QueryParameterTokenResolver(List<String> queryTokenPaths) {
        headerOrQuery.setAllowUriQueryParameter(true);
        this.queryTokenPaths = queryTokenPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public String resolve(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        boolean queryAllowed = queryTokenPaths.stream().anyMatch(p -> p.matches(path));
        return (queryAllowed ? headerOrQuery : headerOnly).resolve(request);
    }
}
