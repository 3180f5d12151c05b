package dev.sns.post.comment;

import java.time.Instant;

/** The Comment of the API; {@code userName} is null when user-service could not be asked. */
public record CommentResponse(
        long id,
        String comment,
        String userName,
        long userId,
        long postId,
        Instant registeredAt,
        Instant updatedAt,
        Instant deletedAt) {

    static CommentResponse of(Comment comment, String userName) {
        return new CommentResponse(comment.getId(), comment.getComment(), userName, comment.getUserId(),
                comment.getPostId(), comment.getRegisteredAt(), comment.getUpdatedAt(), comment.getDeletedAt());
    }
}
