import './style.css';
import { setUnauthorizedHandler } from './api';
import { h, replaceChildren } from './dom';
import { liveAlarms } from './live';
import { currentPath, flash, navigate, render, route, setErrorPage, startRouter, takeFlash } from './router';
import { session } from './session';
import { alert, errorBox, pageTitle } from './ui';
import { alarmsView } from './views/alarms';
import { joinView, loginView } from './views/auth';
import { editPostView, newPostView } from './views/editor';
import { postListView } from './views/feed';
import { popularView } from './views/popular';
import { postView } from './views/post';
import { profileHref } from './views/follow';
import { homeView } from './views/home';
import { profileView } from './views/profile';

route('/login', loginView, { public: true, guestOnly: true });
route('/join', joinView, { public: true, guestOnly: true });
route('/', homeView);
route('/everyone', postListView('feed'));
route('/my', postListView('my'));
route('/popular', popularView);
route('/posts/new', newPostView);
route('/posts/:id/edit', editPostView);
route('/posts/:id', postView);
route('/alarms', alarmsView);
route('/profiles/:userName', profileView);

function signOut(message?: string): void {
  liveAlarms.stop();
  session.signOut();
  if (message) flash(message, 'info');
}

// a request that carried the token was refused: the session is over, back to sign in
setUnauthorizedHandler((error) => {
  if (!session.token()) return;
  signOut(error.message);
  const here = currentPath();
  navigate(here.startsWith('/login') ? here : `/login?next=${encodeURIComponent(here)}`, { replace: true });
});

const header = h('header', { class: 'site-header' });
const flashSlot = h('div', { class: 'flash', 'aria-live': 'polite' });
const outlet = h('main', { id: 'view', class: 'container', tabindex: '-1' });

function navLink(href: string, label: string, extra?: Node): HTMLElement {
  const link = h('a', { href, class: 'nav-link' }, label, extra ?? null);
  const active = href === '/' ? location.pathname === '/' : location.pathname.startsWith(href);
  if (active) link.setAttribute('aria-current', 'page');
  return link;
}

function renderHeader(): void {
  const user = session.user();
  const brand = h('a', { href: '/', class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), 'SNS');
  if (!user) {
    replaceChildren(
      header,
      h('div', { class: 'header-inner' }, brand, h('nav', { class: 'nav', 'aria-label': 'Account' }, navLink('/login', 'Sign in'), navLink('/join', 'Sign up'))),
    );
    return;
  }
  const badge = h('span', { class: 'badge', 'data-testid': 'alarm-badge', 'aria-live': 'polite' });
  const dot = h('span', { class: 'live-dot' });
  replaceChildren(
    header,
    h(
      'div',
      { class: 'header-inner' },
      brand,
      h(
        'nav',
        { class: 'nav', 'aria-label': 'Main' },
        navLink('/', 'Home'),
        navLink('/everyone', 'Everyone'),
        navLink('/popular', 'Popular'),
        navLink('/posts/new', 'Write'),
        navLink('/my', 'My posts'),
        navLink('/alarms', 'Alarms', h('span', { class: 'badge-wrap' }, badge, dot)),
      ),
      h(
        'div',
        { class: 'user' },
        h('a', { class: 'user-name', href: profileHref(user.userName), title: `Signed in as ${user.userName}: your profile` }, user.userName),
        h('button', { type: 'button', class: 'btn btn-ghost btn-small', onClick: () => { signOut('You are signed out.'); navigate('/login'); } }, 'Sign out'),
      ),
    ),
  );
  updateBadge();
}

/** The unseen-alarm count and the live dot, updated in place (the rest of the header keeps its focus). */
function updateBadge(): void {
  const text = liveAlarms.badge;
  header.querySelectorAll<HTMLElement>('.badge').forEach((badge) => {
    badge.textContent = text;
    badge.hidden = !text;
    badge.setAttribute('aria-label', text ? `${text} new alarms` : 'no new alarms');
  });
  header.querySelectorAll<HTMLElement>('.live-dot').forEach((dot) => {
    dot.dataset.stream = liveAlarms.state;
    dot.title = liveAlarms.state === 'live' ? 'Live alarms: connected' : 'Live alarms: connecting…';
  });
}

function notFoundView(): Node {
  pageTitle('Not found');
  return h('section', { class: 'page' }, alert('There is no such page.', 'error'), h('a', { href: '/' }, 'Go to Home'));
}

setErrorPage((error) => {
  pageTitle('Error');
  return h(
    'section',
    { class: 'page' },
    errorBox(error),
    h('p', null, h('button', { type: 'button', class: 'btn', onClick: () => void render() }, 'Try again'), ' ', h('a', { href: '/' }, 'Go to Home')),
  );
});

document.addEventListener('sns:rendered', () => {
  renderHeader();
  const message = takeFlash();
  flashSlot.replaceChildren(message ? alert(message.text, message.kind) : '');
});
session.onChange(renderHeader);
liveAlarms.onChange(updateBadge);

const app = document.getElementById('app')!;
app.replaceChildren(header, h('div', { class: 'container' }, flashSlot), outlet);

if (session.token() && (session.expired() || !session.user())) {
  signOut(session.expired() ? 'Your session has expired. Please sign in again.' : undefined);
}
if (session.signedIn()) liveAlarms.start();
renderHeader();
startRouter(outlet, session, notFoundView);
