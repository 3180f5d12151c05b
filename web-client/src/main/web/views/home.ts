import { api } from '../api';
import { h } from '../dom';
import type { RouteContext } from '../router';
import { session } from '../session';
import { busy, errorBox, pageTitle, postCard } from '../ui';
import { profileHref } from './follow';

/**
 * The home timeline (/): the posts of the people the user follows and their own, newest first. "More" appends the next
 * page by the server's opaque cursor, so new posts arriving meanwhile neither repeat nor skip a post; a page of posts
 * already shown (a post moved by a delete) is filtered by id.
 */
export async function homeView(_ctx: RouteContext): Promise<Node> {
  const first = await api.timeline({});
  pageTitle('Home');
  const shown = new Set<number>();
  const list = h('div', { class: 'post-list timeline-list' });
  const problem = h('div', { class: 'notice', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'btn btn-ghost more-button', 'data-testid': 'timeline-more' }, 'More');
  const footer = h('nav', { class: 'pager', 'aria-label': 'More posts' }, more);
  let cursor = first.nextCursor;

  const add = (posts: typeof first.content) => {
    for (const post of posts) {
      if (shown.has(post.id)) continue;
      shown.add(post.id);
      list.appendChild(postCard(post));
    }
    footer.hidden = !cursor;
  };
  add(first.content);
  more.addEventListener('click', () => {
    if (!cursor) return;
    void busy(footer, async () => {
      try {
        const page = await api.timeline({ cursor: cursor ?? undefined });
        cursor = page.nextCursor;
        problem.replaceChildren();
        add(page.content);
      } catch (error) {
        problem.replaceChildren(errorBox(error));
      }
    });
  });

  const me = session.user()?.userName;
  const empty = h(
    'div',
    { class: 'card empty' },
    h(
      'p',
      null,
      'Your home timeline is empty. Follow people from their posts in ',
      h('a', { href: '/everyone' }, 'Everyone'),
      ', or ',
      h('a', { href: '/posts/new' }, 'write something'),
      '.',
    ),
  );

  return h(
    'section',
    { class: 'page page-home' },
    h(
      'header',
      { class: 'page-header' },
      h('h1', null, 'Home'),
      me ? h('a', { class: 'muted', href: profileHref(me, 'following') }, 'People you follow') : null,
      h('a', { class: 'btn btn-primary', href: '/posts/new' }, 'Write'),
    ),
    shown.size === 0 ? empty : null,
    list,
    problem,
    footer,
  );
}
