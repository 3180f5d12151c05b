package dev.sns.user.follow;

import dev.sns.api.ErrorCode;
import dev.sns.outbox.Outbox;
import dev.sns.time.Timestamps;
import dev.sns.user.account.UserResponse;
import dev.sns.web.ApiException;
import dev.sns.web.paging.PageQuery;
import dev.sns.web.paging.PageResponse;
import dev.sns.web.security.AuthUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows and unfollows, idempotent: the follows row, both counters and the event (outbox) commit together, and the
 * counters and the event change only when a row was really inserted or deleted, so a double click, a retry or two
 * instances at once never count twice or announce twice. READ COMMITTED keeps InnoDB's locks to the rows touched; a
 * deadlock InnoDB still picks a victim for (several follows between the same people at once) is tried again.
 */
@Service
public class FollowService {

    private static final int ATTEMPTS = 3;

    private final FollowRepository follows;
    private final Outbox outbox;
    private final TransactionTemplate readCommitted;

    private final Clock clock;

    FollowService(FollowRepository follows, Outbox outbox, PlatformTransactionManager transactions, Clock clock) {
        this.clock = clock;
        this.follows = follows;
        this.outbox = outbox;
        this.readCommitted = new TransactionTemplate(transactions);
        this.readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    public Profile profile(AuthUser viewer, String userName) {
        return follows.profile(userName, viewer.id()).orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
    }

    public void follow(AuthUser caller, String userName) {
        change(caller, userName, FollowEvent.Type.FOLLOWED);
    }

    public void unfollow(AuthUser caller, String userName) {
        change(caller, userName, FollowEvent.Type.UNFOLLOWED);
    }

    private void change(AuthUser caller, String userName, FollowEvent.Type type) {
        Profile followee = profile(caller, userName);
        if (followee.id() == caller.id()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "You cannot follow yourself");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                readCommitted.executeWithoutResult(status -> apply(caller, followee.id(), type));
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void apply(AuthUser caller, long followeeId, FollowEvent.Type type) {
        Instant now = Timestamps.now(clock);
        boolean changed = type == FollowEvent.Type.FOLLOWED
                ? follows.insert(caller.id(), followeeId, now)
                : follows.delete(caller.id(), followeeId);
        if (!changed) {
            return;
        }
        follows.count(caller.id(), followeeId, type == FollowEvent.Type.FOLLOWED ? 1 : -1);
        FollowEvent event = new FollowEvent(UUID.randomUUID().toString(), type, caller.id(), caller.name(), followeeId, now);
        // key = the follower: one user's follows and unfollows stay in order on one partition
        outbox.append(event.eventId(), String.valueOf(caller.id()), event, now);
    }

    public PageResponse<UserResponse> followers(AuthUser viewer, String userName, PageQuery query) {
        Profile user = profile(viewer, userName);
        Pageable page = query.toPageable(Sort.unsorted());
        List<UserResponse> content = follows.followers(user.id(), order(page.getSort()), page.getOffset(), page.getPageSize());
        return PageResponse.of(new PageImpl<>(content, page, Math.max(user.followerCount(), page.getOffset() + content.size())));
    }

    public PageResponse<UserResponse> following(AuthUser viewer, String userName, PageQuery query) {
        Profile user = profile(viewer, userName);
        Pageable page = query.toPageable(Sort.unsorted());
        List<UserResponse> content = follows.following(user.id(), order(page.getSort()), page.getOffset(), page.getPageSize());
        return PageResponse.of(new PageImpl<>(content, page, Math.max(user.followingCount(), page.getOffset() + content.size())));
    }

    /** Newest follow first unless asked otherwise; {@code registeredAt} sorts by when the follow was made. */
    private static FollowRepository.Order order(Sort sort) {
        Sort.Order order = sort.stream().findFirst().orElse(null);
        if (order == null) {
            return FollowRepository.Order.NEWEST;
        }
        boolean id = order.getProperty().equals("id");
        if (order.isAscending()) {
            return id ? FollowRepository.Order.ID_ASC : FollowRepository.Order.OLDEST;
        }
        return id ? FollowRepository.Order.ID_DESC : FollowRepository.Order.NEWEST;
    }

    public FollowerIds followerIds(long userId, long after, int limit) {
        return new FollowerIds(follows.followerCount(userId), follows.followerIds(userId, after, limit));
    }

    public List<Followee> followees(long userId, long after, int limit) {
        return follows.followees(userId, after, limit);
    }
}
