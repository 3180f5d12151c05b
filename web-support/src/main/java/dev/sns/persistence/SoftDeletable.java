package dev.sns.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * The suite's one rule for rows that users see and delete (users, posts, comments, alarms): three timestamps
 * ({@code registered_at}, {@code updated_at}, {@code deleted_at}), all from {@code dev.sns.time.Timestamps}, and soft
 * delete by {@code deleted_at}: a deleted row stays (a user's name stays taken, a post's id is never reused) and every
 * query that reads rows for the API says {@code deleted_at IS NULL} itself (derived queries {@code ...AndDeletedAtIsNull},
 * JPQL and SQL alike), so the condition is visible where the query is, and the indexes lead with it. No
 * {@code @SQLRestriction}: it applies to some reads and not to others (native SQL, bulk updates).
 * <p>
 * {@code registered_at} is set once, by the constructor. {@code updated_at} and {@code deleted_at} change only by
 * {@link #markDeleted} or by SQL updates of the aggregate's repository (never by dirty checking of this class).
 */
@MappedSuperclass
public abstract class SoftDeletable {

    @Column(name = "registered_at", nullable = false, updatable = false)
    private Instant registeredAt;

    @Column(name = "updated_at", updatable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected SoftDeletable() {
    }

    /** @param registeredAt {@code Timestamps.now}: as it will be stored */
    protected SoftDeletable(Instant registeredAt) {
        this.registeredAt = registeredAt;
    }

    /** @param at {@code Timestamps.now}: as it will be stored */
    public void markDeleted(Instant at) {
        this.deletedAt = at;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }
}
