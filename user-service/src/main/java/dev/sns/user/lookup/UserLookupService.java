package dev.sns.user.lookup;

import dev.sns.user.account.UserRepository;
import dev.sns.user.account.UserResponse;
import dev.sns.web.cache.RedisLookAsideCache;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/** Users by id for other services: Redis first, then one query for whatever Redis did not have. */
@Service
public class UserLookupService {

    private final UserRepository users;
    private final RedisLookAsideCache<UserResponse> cache;

    public UserLookupService(UserRepository users, RedisLookAsideCache<UserResponse> cache) {
        this.users = users;
        this.cache = cache;
    }

    /** The existing (not deleted) users among {@code ids}, in the order asked, each once; unknown ids are left out. */
    public List<UserResponse> find(List<Long> ids) {
        List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<Long, UserResponse> found = cache.getAll(wanted);
        List<Long> misses = wanted.stream().filter(id -> !found.containsKey(id)).toList();
        if (!misses.isEmpty()) {
            List<UserResponse> loaded = users.findByIdInAndDeletedAtIsNull(misses).stream().map(UserResponse::of).toList();
            cache.putAll(loaded);
            loaded.forEach(user -> found.put(user.id(), user));
        }
        return wanted.stream().map(found::get).filter(Objects::nonNull).toList();
    }
}
