package dev.sns.post.post;

import dev.sns.persistence.SoftDeletable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A post. The counters, the edit and the version are written only by atomic SQL updates ({@link PostRepository}),
 * never through this entity, so they are read-only here: no change can skip the version.
 */
@Entity
@Table(name = "posts")
public class Post extends SoftDeletable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private long userId;

    @Column(nullable = false, length = 200, updatable = false)
    private String title;

    @Column(nullable = false, columnDefinition = "text", updatable = false)
    private String body;

    /** One more with every change a read shows: the entity tags of conditional GETs come from it ({@link PostTags}). */
    @Column(nullable = false, insertable = false, updatable = false)
    private long version;

    @Column(nullable = false, insertable = false, updatable = false)
    private int likeCount;

    @Column(nullable = false, insertable = false, updatable = false)
    private int commentCount;

    protected Post() {
    }

    /** @param registeredAt {@code Timestamps.now}: as it will be stored */
    public Post(long userId, String title, String body, Instant registeredAt) {
        super(registeredAt);
        this.userId = userId;
        this.title = title;
        this.body = body;
    }

    public boolean isOwnedBy(long userId) {
        return this.userId == userId;
    }

    public Long getId() {
        return id;
    }

    public long getUserId() {
        return userId;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public long getVersion() {
        return version;
    }

    public int getLikeCount() {
        return likeCount;
    }

    public int getCommentCount() {
        return commentCount;
    }
}
