import { api, type Page, type Profile, type User } from '../api';
import { h, plural } from '../dom';
import type { RouteContext } from '../router';
import { session } from '../session';
import { pageParam, pageTitle, pager } from '../ui';
import { followButton, profileHref } from './follow';

type List = 'followers' | 'following';

function listParam(query: URLSearchParams): List {
  return query.get('list') === 'following' ? 'following' : 'followers';
}

function userItem(user: User): HTMLElement {
  return h(
    'li',
    { class: 'card user-item', 'data-user-name': user.userName },
    h('a', { href: profileHref(user.userName), class: 'user-link' }, user.userName),
    user.role && user.role !== 'USER' ? h('span', { class: 'muted' }, ` · ${user.role.toLowerCase()}`) : null,
  );
}

/**
 * A user's profile (/profiles/{userName}): follower and following counts, a follow button (not on one's own), and the
 * followers or following list (?list=, 20 per page, ?page= 1-based).
 */
export async function profileView(ctx: RouteContext): Promise<Node> {
  const userName = ctx.params.userName;
  const list = listParam(ctx.query);
  const number = pageParam(ctx.query);
  const [profile, people] = await Promise.all([api.profile(userName), api.connections(userName, list, { page: number })]);
  pageTitle(profile.userName);
  const mine = profile.userName === session.user()?.userName;

  const counts = (p: Profile) => ({ followers: plural(p.followerCount, 'follower'), following: `${p.followingCount} following` });
  const followersTab = h('a', { class: 'window-tab', href: profileHref(profile.userName, 'followers'), 'data-list': 'followers', 'data-testid': 'follower-count' });
  const followingTab = h('a', { class: 'window-tab', href: profileHref(profile.userName, 'following'), 'data-list': 'following', 'data-testid': 'following-count' });
  (list === 'followers' ? followersTab : followingTab).setAttribute('aria-current', 'page');
  const showCounts = (p: Profile) => {
    followersTab.textContent = counts(p).followers;
    followingTab.textContent = counts(p).following;
  };
  showCounts(profile);

  const notice = h('div', { class: 'notice', 'aria-live': 'polite' });
  const listSection = h(
    'section',
    { class: 'connections', 'aria-label': list === 'followers' ? 'Followers' : 'Following' },
    connectionList(people, list, profile, mine),
    pager(people, ctx.path, 'page', new URLSearchParams({ list })),
  );

  return h(
    'section',
    { class: 'page page-profile', 'data-user-name': profile.userName },
    h(
      'header',
      { class: 'page-header' },
      h('h1', null, profile.userName),
      mine ? h('span', { class: 'muted' }, 'you') : followButton(profile, notice, showCounts),
    ),
    notice,
    h('nav', { class: 'window-tabs', 'aria-label': 'Follow lists' }, followersTab, followingTab),
    listSection,
  );
}

function connectionList(page: Page<User>, list: List, profile: Profile, mine: boolean): Node {
  if (!page.empty) return h('ol', { class: 'user-list', 'data-list': list }, page.content.map(userItem));
  let text: string;
  if (page.number > 0) text = 'Nobody on this page.';
  else if (list === 'followers') text = mine ? 'Nobody follows you yet.' : `Nobody follows ${profile.userName} yet.`;
  else text = mine ? 'You follow nobody yet. Follow people from their posts to see them in Home.' : `${profile.userName} follows nobody yet.`;
  return h('div', { class: 'card empty' }, h('p', null, text));
}
