package dev.sns.post.post;

/** Published inside the deleting transaction; listeners that keep copies of posts act after the commit. */
public record PostDeleted(long postId) {
}
