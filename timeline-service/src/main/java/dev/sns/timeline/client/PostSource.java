package dev.sns.timeline.client;

import dev.sns.api.ApiResponse;
import dev.sns.timeline.TimelineProperties;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.ParameterizedTypeReference;

/** post-service's internal batch reads: bodies by id, and the newest post ids of a set of authors. */
public class PostSource {

    static final String SERVICE = "post-service";
    /** post-service's limit of authors per call of the recent posts. */
    static final int MAX_AUTHORS = 1000;
    private static final ParameterizedTypeReference<ApiResponse<List<TimelinePost>>> POSTS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<ApiResponse<List<PostRef>>> REFS = new ParameterizedTypeReference<>() {
    };

    private final ServiceCalls calls;
    private final TimelineProperties properties;

    public PostSource(ServiceCalls calls, TimelineProperties properties) {
        this.calls = calls;
        this.properties = properties;
    }

    /** The posts of {@code ids} that exist and are not deleted (at most 100 ids), in any order. */
    public List<TimelinePost> find(Collection<Long> ids) {
        return calls.get(SERVICE, properties.postCall(), uri -> uri.path("/internal/posts")
                .queryParam("ids", csv(ids)).build(), POSTS);
    }

    /** The newest {@code capacity} posts of these authors, newest first, however many authors there are. */
    public List<PostRef> recent(Collection<Long> authors) {
        List<Long> all = List.copyOf(authors);
        if (all.size() <= MAX_AUTHORS) {
            return recentOf(all);
        }
        List<PostRef> merged = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_AUTHORS) {
            merged.addAll(recentOf(all.subList(from, Math.min(from + MAX_AUTHORS, all.size()))));
        }
        return merged.stream().sorted((a, b) -> Long.compare(b.id(), a.id())).limit(properties.capacity()).toList();
    }

    private List<PostRef> recentOf(List<Long> authors) {
        if (authors.isEmpty()) {
            return List.of();
        }
        return calls.get(SERVICE, properties.postCall(), uri -> uri.path("/internal/posts/recent")
                .queryParam("authors", csv(authors)).queryParam("limit", properties.capacity()).build(), REFS);
    }

    private static String csv(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
