package dev.sns.web.security;

import dev.sns.security.TokenPolicy;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Reads a request's token where the {@link TokenPolicy} says: nowhere on open paths, else the Authorization header,
 * and on the stream's paths also {@code ?token=} (Spring's resolver only knows {@code access_token}).
 */
class PolicyTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
    private final TokenPolicy policy;

    PolicyTokenResolver(TokenPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        TokenPolicy.Source source = policy.sourceOf(request.getMethod(), PathContainer.parsePath(request.getRequestURI()));
        if (source == TokenPolicy.Source.NONE) {
            return null;
        }
        String fromHeader = header.resolve(request);
        if (fromHeader != null || source == TokenPolicy.Source.HEADER) {
            return fromHeader;
        }
        String fromQuery = request.getParameter(TokenPolicy.QUERY_PARAMETER);
        return fromQuery == null || fromQuery.isBlank() ? null : fromQuery;
    }
}
