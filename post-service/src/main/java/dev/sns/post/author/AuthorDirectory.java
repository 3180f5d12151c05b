package dev.sns.post.author;

import dev.sns.web.cache.RedisLookAsideCache;
import dev.sns.web.context.CallerContext;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.stereotype.Service;

/**
 * Authors by user id, for a whole page at once: Redis first, then ONE batched call to user-service for the rest,
 * guarded by a circuit breaker with a time limit. It never fails: authors it cannot resolve come back as id-only
 * ({@link Author#idOnly}), so a user-service outage degrades the feed instead of breaking it.
 */
@Service
public class AuthorDirectory {

    private static final Logger log = LoggerFactory.getLogger(AuthorDirectory.class);

    private final UserClient users;
    private final RedisLookAsideCache<Author> cache;
    private final CircuitBreakerFactory<?, ?> circuitBreakers;
    private final AuthorProperties properties;

    AuthorDirectory(UserClient users, RedisLookAsideCache<Author> cache, CircuitBreakerFactory<?, ?> circuitBreakers,
                    AuthorProperties properties) {
        this.users = users;
        this.cache = cache;
        this.circuitBreakers = circuitBreakers;
        this.properties = properties;
    }

    /** An author for every id asked for (id-only when unknown). */
    public Map<Long, Author> find(Collection<Long> userIds) {
        Set<Long> ids = new HashSet<>(userIds);
        Map<Long, Author> found = new HashMap<>(cache.getAll(ids));
        Set<Long> missing = ids.stream().filter(id -> !found.containsKey(id)).collect(Collectors.toSet());
        if (!missing.isEmpty()) {
            Map<Long, Author> fetched = fetch(missing);
            cache.putAll(fetched.values());
            found.putAll(fetched);
        }
        ids.forEach(id -> found.computeIfAbsent(id, Author::idOnly));
        return found;
    }

    private Map<Long, Author> fetch(Set<Long> ids) {
        String csv = ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        List<Author> authors = circuitBreakers.create(properties.circuitBreaker())
                .run(CallerContext.carried(() -> users.findByIds(csv).result()), this::degraded);
        if (authors == null) {
            return Map.of();
        }
        return authors.stream().filter(a -> ids.contains(a.id()))
                .collect(Collectors.toMap(Author::id, a -> a, (a, b) -> a));
    }

    private List<Author> degraded(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            log.debug("user-service circuit is open: authors without names");
        } else {
            log.warn("user-service lookup failed, authors without names: {}", failure.toString());
        }
        return List.of();
    }
}
