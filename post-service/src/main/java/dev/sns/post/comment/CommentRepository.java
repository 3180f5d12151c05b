package dev.sns.post.comment;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface CommentRepository extends JpaRepository<Comment, Long> {

    /** A post's comments (index idx_comments_post*). */
    Page<Comment> findByPostIdAndDeletedAtIsNull(long postId, Pageable pageable);
}
