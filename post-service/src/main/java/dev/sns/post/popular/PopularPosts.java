package dev.sns.post.popular;

import dev.sns.post.post.PostDeleted;
import dev.sns.post.post.PostResponse;
import dev.sns.post.post.PostService;
import dev.sns.web.paging.PageResponse;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The most liked posts of a window: one Redis call for the page of the ranking, then the posts as the feed renders
 * them (one query for the page, authors from the author cache). A deleted post is dropped from the page here and
 * from the tally right after its deletion commits.
 */
@Service
class PopularPosts {

    private static final Logger log = LoggerFactory.getLogger(PopularPosts.class);

    private final PopularTally tally;
    private final PopularRebuild rebuild;
    private final PostService posts;
    private final Clock clock;

    PopularPosts(PopularTally tally, PopularRebuild rebuild, PostService posts, Clock clock) {
        this.clock = clock;
        this.tally = tally;
        this.rebuild = rebuild;
        this.posts = posts;
    }

    PageResponse<PostResponse> page(PopularWindow window, int page, int size) {
        PageRequest request = PageRequest.of(Math.min(page, Integer.MAX_VALUE / size), size);
        PopularTally.Ranking ranking = tally.read(window, clock.instant(), request.getOffset(), size);
        if (!ranking.built()) {
            rebuild.checkSoon();
        }
        return posts.pageOf(ranking.postIds(), request, ranking.total());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onDeleted(PostDeleted deleted) {
        try {
            tally.remove(deleted.postId(), clock.instant());
        } catch (DataAccessException e) { // the page drops it anyway; the next rebuild forgets it
            log.warn("Popular posts: could not remove deleted post {} from the tally: {}", deleted.postId(), e.toString());
        }
    }
}
