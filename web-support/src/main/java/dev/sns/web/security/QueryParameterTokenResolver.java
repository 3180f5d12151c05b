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
 * browsers' EventSource opens without headers) also from {@code ?token=} (Spring's resolver only knows
 * {@code access_token}).
 */
class QueryParameterTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
    private final List<PathPattern> publicPaths;
    private final List<PathPattern> queryTokenPaths;

    QueryParameterTokenResolver(List<String> publicPaths, List<String> queryTokenPaths) {
        this.publicPaths = parse(publicPaths);
        this.queryTokenPaths = parse(queryTokenPaths);
    }

    private static List<PathPattern> parse(List<String> patterns) {
        return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public String resolve(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        if (publicPaths.stream().anyMatch(p -> p.matches(path))) {
            return null; // join and login ignore a stale token a client still sends, instead of refusing with 401
        }
        String fromHeader = header.resolve(request);
        if (fromHeader != null || !"GET".equals(request.getMethod())) {
            return fromHeader;
        }
        String fromQuery = request.getParameter("token");
        if (fromQuery == null || fromQuery.isBlank()) {
            return null;
        }
        return queryTokenPaths.stream().anyMatch(p -> p.matches(path)) ? fromQuery : null;
    }
}
