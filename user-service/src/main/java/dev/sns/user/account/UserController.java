package dev.sns.user.account;

import dev.sns.web.ApiResponse;
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
    ApiResponse<UserResponse> join(@Valid @RequestBody JoinRequest request) {
        return ApiResponse.success(accounts.join(request));
    }

    @PostMapping("/login")
    ApiResponse<LoginResponse> login(@Valid @RequestBody LoginRequest request) {
        return ApiResponse.success(accounts.login(request));
    }

    @GetMapping("/me")
    ApiResponse<UserResponse> me(AuthUser caller) {
        return ApiResponse.success(accounts.find(caller.id()));
    }
}
