package dev.sns.user.account;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRepository extends JpaRepository<User, Long> {

    /** Case-insensitive through the column's collation, like the unique index. */
    Optional<User> findByUserName(String userName);
}
