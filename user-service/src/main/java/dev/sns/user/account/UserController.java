package dev.sns.user.account;

import static dev.sns.api.ErrorCode.DUPLICATED_USER_NAME;
import static dev.sns.api.ErrorCode.INVALID_PASSWORD;
import static dev.sns.api.ErrorCode.USER_NOT_FOUND;

import dev.sns.api.ApiResponse;
import dev.sns.web.docs.Raises;
import dev.sns.web.security.AuthUser;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final AccountService accounts;

    UserController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/join")
    @Raises(DUPLICATED_USER_NAME)
    ApiResponse<UserResponse> join(@Valid @RequestBody JoinRequest request) {
        return ApiResponse.success(accounts.join(request));
    }

    @PostMapping("/login")
    @Raises({USER_NOT_FOUND, INVALID_PASSWORD})
    ApiResponse<LoginResponse> login(@Valid @RequestBody LoginRequest request) {
        return ApiResponse.success(accounts.login(request));
    }

    @GetMapping("/me")
    @Raises(USER_NOT_FOUND) // the account is gone while its token is still valid
    ApiResponse<UserResponse> me(AuthUser caller) {
        return ApiResponse.success(accounts.find(caller.id()));
    }
}
