package dev.sns.timeline.store;

/**
 * A post in a timeline or author set: the sorted set's member is {@code <postId>:<authorId>}, its score the post id.
 * Post ids grow with time, so the score orders newest first and a keyset cursor is a post id; the author in the
 * member lets an unfollow remove an author's posts, and the read filter check whom the reader follows, without
 * asking post-service.
 */
public record Entry(long postId, long authorId) {

    /** Every built set holds this member (score 0, below every post): "built", even when it holds no post. */
    static final String BUILT = "0:0";

    String member() {
        return postId + ":" + authorId;
    }

    static Entry parse(String member) {
        int colon = member.indexOf(':');
        return new Entry(Long.parseLong(member.substring(0, colon)), Long.parseLong(member.substring(colon + 1)));
    }
}
