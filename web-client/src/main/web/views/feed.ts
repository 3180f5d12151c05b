import { api } from '../api';
import { h, plural } from '../dom';
import type { RouteContext } from '../router';
import { pageParam, pageTitle, pager, postCard } from '../ui';

/** The feed of everyone's posts (/everyone) or the caller's own posts (/my), newest first, ten per page. */
export function postListView(kind: 'feed' | 'my') {
  return async (ctx: RouteContext): Promise<Node> => {
    const number = pageParam(ctx.query);
    const page = await (kind === 'feed' ? api.feed({ page: number }) : api.myPosts({ page: number }));
    const title = kind === 'feed' ? 'Everyone' : 'My posts';
    pageTitle(title);

    let body: Node;
    if (page.empty) {
      body = h(
        'div',
        { class: 'card empty' },
        number > 0
          ? h('p', null, 'There are no posts on this page. ', h('a', { href: ctx.path }, 'Back to the first page'))
          : h(
              'p',
              null,
              kind === 'feed' ? 'No posts yet. ' : 'You have not written anything yet. ',
              h('a', { href: '/posts/new' }, 'Write the first one'),
            ),
      );
    } else {
      body = h('div', { class: 'post-list' }, page.content.map(postCard));
    }

    return h(
      'section',
      { class: `page page-${kind}` },
      h(
        'header',
        { class: 'page-header' },
        h('h1', null, title),
        h('span', { class: 'muted' }, plural(page.totalElements, 'post')),
        h('a', { class: 'btn btn-primary', href: '/posts/new' }, 'Write'),
      ),
      body,
      pager(page, ctx.path),
    );
  };
}
