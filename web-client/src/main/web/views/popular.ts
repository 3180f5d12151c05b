import { api, type PopularWindow } from '../api';
import { h, plural } from '../dom';
import type { RouteContext } from '../router';
import { pageParam, pageTitle, pager, postCard } from '../ui';

const WINDOWS: { value: PopularWindow; label: string }[] = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
];

function windowParam(query: URLSearchParams): PopularWindow {
  const value = query.get('window');
  return WINDOWS.some((w) => w.value === value) ? (value as PopularWindow) : '24h';
}

/** The most liked posts of the last hour, day or week (/popular?window=), ten per page, most liked first. */
export async function popularView(ctx: RouteContext): Promise<Node> {
  const window = windowParam(ctx.query);
  const number = pageParam(ctx.query);
  const page = await api.popular({ window, page: number });
  pageTitle('Popular');

  const selector = h(
    'nav',
    { class: 'window-tabs', 'aria-label': 'Time window' },
    WINDOWS.map((w) =>
      h(
        'a',
        {
          class: 'window-tab',
          href: w.value === '24h' ? ctx.path : `${ctx.path}?window=${w.value}`,
          'data-window': w.value,
          'aria-current': w.value === window ? 'page' : null,
        },
        w.label,
      ),
    ),
  );
  const current = WINDOWS.find((w) => w.value === window)!.label.toLowerCase();
  const body = page.empty
    ? h('div', { class: 'card empty' }, h('p', null, `No likes in the ${current} yet. `, h('a', { href: '/everyone' }, 'See everyone\'s posts')))
    : h(
        'ol',
        { class: 'post-list popular-list', start: String(page.number * page.size + 1) },
        page.content.map((post) => h('li', null, postCard(post))),
      );

  return h(
    'section',
    { class: 'page page-popular' },
    h(
      'header',
      { class: 'page-header' },
      h('h1', null, 'Popular'),
      h('span', { class: 'muted' }, plural(page.totalElements, 'post')),
    ),
    selector,
    body,
    pager(page, ctx.path, 'page', window === '24h' ? new URLSearchParams() : new URLSearchParams({ window }), {
      previous: '← More liked',
      next: 'Less liked →',
    }),
  );
}
