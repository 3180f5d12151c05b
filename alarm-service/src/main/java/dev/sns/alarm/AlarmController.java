package dev.sns.alarm;

import dev.sns.web.ApiResponse;
import dev.sns.web.paging.PageQuery;
import dev.sns.web.paging.PageResponse;
import dev.sns.web.security.AuthUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's alarms, newest first unless the client asks for another order. */
@RestController
class AlarmController {

    private final AlarmService alarms;

    AlarmController(AlarmService alarms) {
        this.alarms = alarms;
    }

    @GetMapping("/api/v1/users/alarm")
    ApiResponse<PageResponse<AlarmResponse>> list(AuthUser user, PageQuery page) {
        return ApiResponse.success(alarms.list(user.id(), page));
    }
}
