package dev.sns.web.paging;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * A page request as the API's paging rules read it: {@code page} 0-based (not a number means 0), {@code size}
 * clamped to 1..100 (default 20), {@code sort} on {@code id} or {@code registeredAt} only. Declare it as a
 * controller parameter; {@link PageQueryArgumentResolver} fills it.
 */
public record PageQuery(int page, int size, Sort sort) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public PageQuery {
        page = Math.max(page, 0);
        size = Math.clamp(size, 1, MAX_SIZE);
    }

    /**
     * The same page, sorted by {@code fallback} when the client asked for no order. The database is asked with an
     * {@code int} offset ({@code page * size}): a page further out than that is past any data, so it is read as the
     * furthest page that can be asked for (empty too) instead of failing.
     */
    public Pageable toPageable(Sort fallback) {
        return PageRequest.of(Math.min(page, Integer.MAX_VALUE / size), size, sort.isSorted() ? sort : fallback);
    }
}
