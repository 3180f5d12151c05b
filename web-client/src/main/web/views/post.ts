import { ApiError, api, type Comment, type Page, type Post } from '../api';
import { h, plural, replaceChildren, time } from '../dom';
import { flash, navigate, type RouteContext } from '../router';
import { likedPosts, session } from '../session';
import { alert, authorLink, busy, errorBox, field, pageParam, pageTitle, pager, showFormError } from '../ui';
import { authorFollowControl } from './follow';

const COMMENT_MAX = 1000;

export async function postView(ctx: RouteContext): Promise<Node> {
  const id = Number(ctx.params.id);
  const commentPage = pageParam(ctx.query, 'cpage');
  const [post, likeCount, comments] = await Promise.all([
    api.post(id),
    api.likeCount(id),
    api.comments(id, { page: commentPage }),
  ]);
  pageTitle(post.title);
  const mine = post.user?.id === session.user()?.id;

  const notice = h('div', { class: 'notice', 'aria-live': 'polite' });
  const likes = likeBar(post, likeCount, notice);
  const commentSection = h('section', { class: 'comments', 'aria-labelledby': 'comments-title' });
  let commentTotal = comments.totalElements;
  const commentHeading = h('h2', { id: 'comments-title' }, plural(commentTotal, 'comment'));

  const showComments = (page: Page<Comment>) => {
    commentTotal = page.totalElements;
    commentHeading.textContent = plural(commentTotal, 'comment');
    const query = new URLSearchParams(ctx.query);
    replaceChildren(
      commentSection,
      commentHeading,
      commentForm(id, async () => {
        showComments(await api.comments(id, { page: 0 }));
        if (pageParam(ctx.query, 'cpage') !== 0) navigate(ctx.path, { replace: true });
      }),
      page.empty
        ? h('p', { class: 'muted' }, page.number > 0 ? 'No comments on this page.' : 'No comments yet. Be the first!')
        : h('ol', { class: 'comment-list' }, page.content.map(commentItem)),
      pager(page, ctx.path, 'cpage', query),
    );
  };
  showComments(comments);

  const edited = post.updatedAt && post.updatedAt !== post.registeredAt;
  return h(
    'section',
    { class: 'page page-post' },
    h(
      'article',
      { class: 'card post', 'data-post-id': post.id },
      h('h1', { class: 'post-title' }, post.title),
      h(
        'p',
        { class: 'meta' },
        authorLink(post.user),
        ' · ',
        time(post.registeredAt),
        edited ? h('span', { class: 'muted' }, ' · edited ', time(post.updatedAt)) : null,
        ' ',
        authorFollowControl(post.user?.userName, notice),
      ),
      h('div', { class: 'post-body' }, post.body),
      h(
        'footer',
        { class: 'post-actions' },
        likes,
        mine
          ? h(
              'span',
              { class: 'owner-actions' },
              h('a', { class: 'btn btn-ghost', href: `/posts/${post.id}/edit` }, 'Edit'),
              deleteButton(post, notice),
            )
          : null,
      ),
      notice,
    ),
    commentSection,
  );
}

function likeBar(post: Post, initialCount: number, notice: HTMLElement): HTMLElement {
  let liked = likedPosts.has(post.id);
  const count = h('span', { class: 'like-count', 'data-testid': 'like-count' });
  const button = h('button', { type: 'button', class: 'btn like-button' });
  const show = (n: number) => {
    count.textContent = plural(n, 'like');
    button.textContent = liked ? '♥ Unlike' : '♡ Like';
    button.setAttribute('aria-pressed', String(liked));
    button.classList.toggle('liked', liked);
  };
  show(initialCount);
  button.addEventListener('click', () => {
    void busy(button.parentElement ?? button, async () => {
      notice.replaceChildren();
      try {
        if (liked) await api.unlike(post.id);
        else await api.like(post.id);
        liked = !liked;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'ALREADY_LIKED') {
          liked = true; // liked earlier, from another browser
          notice.replaceChildren(alert(error.message, 'info'));
        } else {
          notice.replaceChildren(errorBox(error));
        }
      }
      likedPosts.set(post.id, liked);
      try {
        show(await api.likeCount(post.id));
      } catch {
        show(initialCount);
      }
    });
  });
  return h('span', { class: 'likes' }, button, count);
}

function deleteButton(post: Post, notice: HTMLElement): HTMLElement {
  const button = h('button', { type: 'button', class: 'btn btn-danger' }, 'Delete');
  button.addEventListener('click', () => {
    if (!window.confirm(`Delete “${post.title}”? Its likes and comments go too.`)) return;
    void busy(button.parentElement ?? button, async () => {
      try {
        await api.deletePost(post.id);
        flash('The post is deleted.', 'success');
        navigate('/my');
      } catch (error) {
        notice.replaceChildren(errorBox(error));
      }
    });
  });
  return button;
}

function commentForm(postId: number, afterAdd: () => Promise<void>): HTMLElement {
  const text = h('textarea', { name: 'comment', rows: 3, placeholder: 'Write a comment…' });
  const errors = h('div', { class: 'form-errors' });
  const form = h(
    'form',
    { class: 'comment-form', novalidate: true },
    errors,
    field('Your comment', text),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Comment')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      try {
        if (text.value.length > COMMENT_MAX) {
          throw new Error(`A comment has at most ${COMMENT_MAX} characters (this one has ${text.value.length}).`);
        }
        await api.addComment(postId, text.value);
        text.value = '';
        errors.replaceChildren();
        await afterAdd();
      } catch (error) {
        showFormError(form, errors, error);
      }
    });
  });
  return form;
}

function commentItem(comment: Comment): HTMLElement {
  return h(
    'li',
    { class: 'comment', 'data-comment-id': comment.id },
    h('p', { class: 'meta' }, h('span', { class: 'author' }, comment.userName ?? `user #${comment.userId}`), ' · ', time(comment.registeredAt)),
    h('p', { class: 'comment-text' }, comment.comment),
  );
}
