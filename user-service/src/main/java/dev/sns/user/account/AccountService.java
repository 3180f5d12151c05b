package dev.sns.user.account;

import dev.sns.api.ErrorCode;
import dev.sns.time.Timestamps;
import dev.sns.user.token.TokenIssuer;
import dev.sns.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Join, login and "who am I". */
@Service
public class AccountService {

    /** BCrypt reads only this many bytes; a longer password could never have joined. */
    private static final int BCRYPT_MAX_BYTES = 72;

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final TokenIssuer tokens;

    private final Clock clock;

    public AccountService(UserRepository users, PasswordEncoder passwordEncoder, TokenIssuer tokens, Clock clock) {
        this.clock = clock;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.tokens = tokens;
    }

    /**
     * The unique index decides who gets a name, not a prior lookup: of two simultaneous joins with one name
     * exactly one insert succeeds and the other fails here.
     */
    public UserResponse join(JoinRequest request) {
        User user = new User(request.name(), passwordEncoder.encode(request.password()), Role.USER, Timestamps.now(clock));
        try {
            return UserResponse.of(users.saveAndFlush(user));
        } catch (DataIntegrityViolationException e) {
            throw new ApiException(ErrorCode.DUPLICATED_USER_NAME, "The user name '" + request.name() + "' is taken");
        }
    }

    public LoginResponse login(LoginRequest request) {
        User user = users.findByUserNameAndDeletedAtIsNull(request.name())
                .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
        boolean tooLong = request.password().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES;
        if (tooLong || !passwordEncoder.matches(request.password(), user.getPassword())) {
            throw new ApiException(ErrorCode.INVALID_PASSWORD);
        }
        return new LoginResponse(tokens.issue(user.getId(), user.getUserName(), user.getRole().name()));
    }

    /** From the row, not the token: a deleted account is gone even while its token is still valid. */
    public UserResponse find(long id) {
        return users.findByIdAndDeletedAtIsNull(id).map(UserResponse::of)
                .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
    }
}
