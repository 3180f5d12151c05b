package dev.sns.user.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRepository extends JpaRepository<User, Long> {

    /** Case-insensitive through the column's collation, like the unique index; a deleted user is not found. */
    Optional<User> findByUserNameAndDeletedAtIsNull(String userName);

    Optional<User> findByIdAndDeletedAtIsNull(long id);

    /** By primary key, the deleted ones left out: the internal batch lookup. */
    List<User> findByIdInAndDeletedAtIsNull(Collection<Long> ids);
}
