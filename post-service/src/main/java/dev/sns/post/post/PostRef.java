package dev.sns.post.post;

/** A post by id and author, nothing else: what a timeline keeps of it. */
public record PostRef(long id, long userId) {
}
