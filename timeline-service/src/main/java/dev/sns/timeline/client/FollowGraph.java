package dev.sns.timeline.client;

import dev.sns.api.ApiResponse;
import dev.sns.timeline.TimelineProperties;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;

/** The follow graph, from user-service's internal keyset endpoints (user-service owns it: docs/timeline.md). */
public class FollowGraph {

    static final String SERVICE = "user-service";
    private static final ParameterizedTypeReference<ApiResponse<FollowerPage>> FOLLOWERS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<ApiResponse<List<Followee>>> FOLLOWEES = new ParameterizedTypeReference<>() {
    };

    private final ServiceCalls calls;
    private final TimelineProperties properties;

    public FollowGraph(ServiceCalls calls, TimelineProperties properties) {
        this.calls = calls;
        this.properties = properties;
    }

    /** Follower ids of {@code userId} above {@code after}, ascending, at most {@code fan-out-batch}. */
    public FollowerPage followers(long userId, long after) {
        return calls.get(SERVICE, properties.userCall(), uri -> uri.path("/internal/follows/{id}/followers")
                .queryParam("after", after).queryParam("limit", properties.fanOutBatch()).build(userId), FOLLOWERS);
    }

    /** Whom {@code userId} follows above {@code after}, ascending, with their follower counts. */
    public List<Followee> following(long userId, long after) {
        return calls.get(SERVICE, properties.userCall(), uri -> uri.path("/internal/follows/{id}/following")
                .queryParam("after", after).queryParam("limit", properties.fanOutBatch()).build(userId), FOLLOWEES);
    }
}
