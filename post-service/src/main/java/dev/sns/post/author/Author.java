package dev.sns.post.author;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.sns.web.security.AuthUser;
import java.util.Collection;

/**
 * The author of a post or comment as user-service describes it ({@code GET /internal/users}). When user-service
 * cannot answer, only the id is known ({@link #idOnly}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Author(long id, String userName, String role) {

    public static Author of(AuthUser user) {
        return new Author(user.id(), user.name(), user.role());
    }

    public static Author idOnly(long id) {
        return new Author(id, null, null);
    }

    /** Whether user-service named this author (not {@link #idOnly}). */
    public boolean named() {
        return userName != null;
    }

    public static boolean allNamed(Collection<Author> authors) {
        return authors.stream().allMatch(Author::named);
    }
}
