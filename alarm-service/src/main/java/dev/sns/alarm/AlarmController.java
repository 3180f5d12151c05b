package dev.sns.alarm;

import dev.sns.api.ApiResponse;
import dev.sns.web.conditional.ConditionalGet;
import dev.sns.web.paging.PageQuery;
import dev.sns.web.paging.PageResponse;
import dev.sns.web.security.AuthUser;
import jakarta.validation.Valid;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's alarms, newest first unless the client asks for another order, and their read state. Every path acts
 * on the caller's own alarms only: the user comes from the token, never from the request.
 */
@RestController
class AlarmController {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "id");

    private final AlarmService alarms;
    private final ReadService reads;

    AlarmController(AlarmService alarms, ReadService reads) {
        this.alarms = alarms;
        this.reads = reads;
    }

    /** Conditional: a client whose copy is current gets a 304 from one primary-key read (AlarmService#tag). */
    @GetMapping("/api/v1/users/alarm")
    ResponseEntity<ApiResponse<PageResponse<AlarmResponse>>> list(AuthUser user, PageQuery page,
                                                                  ConditionalGet conditional) {
        Pageable pageable = page.toPageable(NEWEST_FIRST);
        return conditional.perCaller().answer(() -> Optional.of(alarms.tag(user.id(), pageable)),
                () -> alarms.list(user.id(), pageable));
    }

    @GetMapping("/api/v1/users/alarm/unread-count")
    ApiResponse<UnreadCount> unreadCount(AuthUser user) {
        return ApiResponse.success(reads.unread(user.id()).response());
    }

    /** Marks read all the caller's alarms, or those up to {@code upToId}; answers the unread count after it. */
    @PostMapping("/api/v1/users/alarm/read")
    ApiResponse<UnreadCount> markRead(AuthUser user, @Valid @RequestBody(required = false) ReadRequest request) {
        return ApiResponse.success(reads.markRead(user.id(), request == null ? null : request.upToId()).response());
    }
}
