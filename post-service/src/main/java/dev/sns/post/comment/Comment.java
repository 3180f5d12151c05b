package dev.sns.post.comment;

import dev.sns.persistence.SoftDeletable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "comments")
public class Comment extends SoftDeletable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private long postId;

    @Column(nullable = false, updatable = false)
    private long userId;

    @Column(nullable = false, length = 1000)
    private String comment;

    protected Comment() {
    }

    /** @param registeredAt {@code Timestamps.now}: as it will be stored */
    public Comment(long postId, long userId, String comment, Instant registeredAt) {
        super(registeredAt);
        this.postId = postId;
        this.userId = userId;
        this.comment = comment;
    }

    public Long getId() {
        return id;
    }

    public long getPostId() {
        return postId;
    }

    public long getUserId() {
        return userId;
    }

    public String getComment() {
        return comment;
    }
}
