// The web client in a real browser (Debian's chromium driven by playwright-core) against a running suite.
// Two users in two browser contexts: sign up and in, write, like, comment, and the author sees the alarms arrive
// live; one follows the other, gets her posts in his Home timeline (paged by cursor), and unfollows. Screenshots of
// the main pages go to web-client/target/screenshots/.
//
//   SNS_GATEWAY_URL=http://localhost:8080 node --test web-client.test.mjs      (or ../browser-test.sh URL)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = (process.env.SNS_GATEWAY_URL ?? '').replace(/\/+$/, '');
const SHOTS = fileURLToPath(new URL('../target/screenshots/', import.meta.url));
const LIVE_TIMEOUT = 30_000; // like/comment -> outbox -> Kafka -> alarm-service -> SSE
const TIMELINE_TIMEOUT = 20_000; // follow -> outbox -> Kafka -> timeline-service back-fill (and unfollow: removal)
const PASSWORD = 'correct-horse-9';
const RUN = Date.now().toString(36);

function chromiumPath() {
  if (process.env.SNS_CHROMIUM) return process.env.SNS_CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return '/usr/bin/chromium';
  }
}

let browser;
const pageErrors = [];

before(async () => {
  assert.ok(BASE, 'set SNS_GATEWAY_URL to the gateway of a running suite, e.g. http://localhost:8080');
  mkdirSync(SHOTS, { recursive: true });
  const executablePath = chromiumPath();
  assert.ok(existsSync(executablePath), `chromium not found at ${executablePath}`);
  // launch() runs the browser on a fresh temporary profile (user-data dir) of its own
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

async function newPage(options = {}) {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1280, height: 860 }, ...options });
  return watched(await context.newPage());
}

/** Page errors and blocked content fail the run; confirmations are accepted. */
function watched(page) {
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) pageErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('dialog', (dialog) => dialog.accept()); // "Delete this post?"
  return page;
}

/** A link of the main navigation (a page may link to the same place, e.g. Home's empty state to Everyone). */
const navLink = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

const shot = (page, name) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

/** A marker in the page's JavaScript state: still there means the page was never reloaded. */
const markNoReload = (page) => page.evaluate(() => (window.__snsNoReload = true));
const assertNotReloaded = async (page) => assert.equal(await page.evaluate(() => window.__snsNoReload), true, 'page reloaded');

async function signUpAndIn(page, name) {
  await page.goto('/join');
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('input[name=confirm]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();

  await page.waitForURL(/\/login\?name=/);
  await page.locator('.flash .alert-success', { hasText: 'Welcome' }).waitFor();
  assert.equal(await page.locator('input[name=name]').inputValue(), name);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.waitForURL(`${BASE}/`);
  await page.locator('h1', { hasText: 'Home' }).waitFor(); // the home timeline: empty for a new user
  await page.locator('.page-home .empty').waitFor();
  assert.equal(await page.locator('.user-name').textContent(), name);
  await page.locator('.live-dot[data-stream=live]').waitFor({ timeout: LIVE_TIMEOUT });
}

/**
 * Waits until the post is ranked in the window: the ranking follows a like within a second or two, and other tests'
 * posts may rank before it, so the pages are followed ("Less liked →") and the list reloaded until it is there.
 */
async function findOnPopular(page, window, postId) {
  const card = page.locator(`.post-card[data-post-id="${postId}"]`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    await page.goto(window === '24h' ? '/popular' : `/popular?window=${window}`);
    await page.locator('.page-popular').waitFor();
    for (;;) {
      if ((await card.count()) > 0) return;
      const next = page.getByRole('link', { name: 'Less liked →' });
      if ((await next.count()) === 0) break;
      const number = new URL(await next.getAttribute('href'), BASE).searchParams.get('page');
      await next.click();
      await page.locator('.pager-status', { hasText: `Page ${number} of` }).waitFor();
    }
    if (Date.now() > deadline) assert.fail(`post ${postId} is not ranked in the ${window} window`);
    await page.waitForTimeout(500);
  }
}

/** Reloads Home until `ready` (the timeline is filled asynchronously, from the follow event) or fails after a while. */
async function untilHome(page, ready, what) {
  const deadline = Date.now() + TIMELINE_TIMEOUT;
  for (;;) {
    await page.goto('/');
    await page.locator('.page-home').waitFor();
    if (await ready()) return;
    if (Date.now() > deadline) assert.fail(`Home: ${what}`);
    await page.waitForTimeout(500);
  }
}

const alice = { name: `alice_${RUN}` };
const bob = { name: `bob_${RUN}` };
let postId;

test('web client against the running suite', { timeout: 240_000 }, async (t) => {
  alice.page = await newPage();
  bob.page = await newPage();

  await t.test('the gateway serves the client at / and on deep links', async () => {
    const root = await alice.page.goto('/');
    assert.equal(root.status(), 200);
    await alice.page.waitForURL(/\/login\?next=/); // signed out: to sign in, remembering where to go
    const deep = await bob.page.goto('/posts/12345');
    assert.equal(deep.status(), 200);
    assert.match(await deep.headerValue('content-type'), /text\/html/);
  });

  await t.test('sign-up errors are listed field by field', async () => {
    const page = alice.page;
    await page.goto('/join');
    await page.locator('input[name=name]').fill('a!');
    await page.locator('input[name=password]').fill('short');
    await page.locator('input[name=confirm]').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    const box = page.locator('.alert-error[data-code=INVALID_REQUEST]');
    await box.waitFor();
    const fields = await box.locator('.field-errors li').allTextContents();
    assert.ok(fields.some((f) => f.startsWith('User name')), `field errors: ${fields}`);
    assert.ok(fields.some((f) => f.startsWith('Password')), `field errors: ${fields}`);
    assert.equal(await page.locator('input[name=name]').getAttribute('aria-invalid'), 'true');
  });

  await t.test('two users sign up and sign in', async () => {
    await signUpAndIn(alice.page, alice.name);
    await signUpAndIn(bob.page, bob.name);
  });

  await t.test('a wrong password is refused with a readable message', async () => {
    const context = await browser.newContext({ baseURL: BASE });
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('input[name=name]').fill(alice.name);
    await page.locator('input[name=password]').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.alert-error[data-code=INVALID_PASSWORD]').waitFor();
    await context.close();
  });

  await t.test('alice writes a post', async () => {
    const page = alice.page;
    await page.getByRole('link', { name: 'Write', exact: true }).first().click();
    await page.locator('input[name=title]').fill(`Hello from ${alice.name}`);
    await page.locator('textarea[name=body]').fill('First post from the browser test.\nSecond line.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/posts\/\d+$/);
    postId = Number(new URL(page.url()).pathname.split('/').pop());
    assert.equal(await page.locator('.post-title').textContent(), `Hello from ${alice.name}`);
    await page.locator('.flash .alert-success').waitFor();
    assert.equal(await page.locator('[data-testid=like-count]').textContent(), '0 likes');
    await markNoReload(page);
  });

  await t.test('bob finds it in the feed, opens it and likes it; alice sees the badge live', async () => {
    const page = bob.page;
    await navLink(page, 'Everyone').click();
    await page.locator(`.post-card[data-post-id="${postId}"] .post-card-title a`).click();
    await page.waitForURL(`${BASE}/posts/${postId}`);
    await page.locator('.post-title', { hasText: alice.name }).waitFor();
    await page.getByRole('button', { name: /Like/ }).click();
    await page.locator('[data-testid=like-count]', { hasText: '1 like' }).waitFor();
    assert.equal(await page.locator('.like-button').getAttribute('aria-pressed'), 'true');

    await alice.page.locator('[data-testid=alarm-badge]:not([hidden])', { hasText: '1' }).waitFor({ timeout: LIVE_TIMEOUT });
    await assertNotReloaded(alice.page);
    await alice.page.waitForTimeout(400); // the badge's pop-in animation
    await shot(alice.page, 'post-detail-author-badge');
  });

  await t.test('reads revalidate: a changed post shows at once, an unchanged one comes back as a 304', async () => {
    // alice's browser keeps her post as she wrote it (0 likes) with its ETag; bob's like changed it since. The page
    // sees a revalidated answer as the cached 200: what went over the wire comes from Chromium's network events.
    const page = alice.page;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // the extra-info events (the headers really sent and received) may come before the request's own event
    const reads = new Map(); // requestId -> { path, ifNoneMatch, status }
    const read = (id) => reads.get(id) ?? reads.set(id, {}).get(id);
    cdp.on('Network.requestWillBeSent', (event) => (read(event.requestId).path = new URL(event.request.url).pathname));
    cdp.on('Network.requestWillBeSentExtraInfo', (event) =>
      (read(event.requestId).ifNoneMatch = event.headers['If-None-Match'] ?? event.headers['if-none-match'] ?? null));
    cdp.on('Network.responseReceivedExtraInfo', (event) => (read(event.requestId).status = event.statusCode));
    const openPostFromFeed = async () => {
      await navLink(page, 'Everyone').click();
      await page.locator(`.post-card[data-post-id="${postId}"] .post-card-title a`).click();
      await page.locator('[data-testid=like-count]', { hasText: '1 like' }).waitFor();
    };
    await openPostFromFeed(); // changed: the full answer, 1 like
    await openPostFromFeed(); // unchanged: revalidated
    await cdp.detach();

    const wire = [...reads.values()].filter((r) => r.path === `/api/v1/posts/${postId}`);
    assert.equal(wire.length, 2, JSON.stringify(wire));
    const [changed, unchanged] = wire;
    assert.ok(changed.ifNoneMatch && unchanged.ifNoneMatch, `the browser revalidated its copies: ${JSON.stringify(wire)}`);
    assert.notEqual(changed.ifNoneMatch, unchanged.ifNoneMatch, 'the changed post came with a new tag');
    assert.deepEqual([changed.status, unchanged.status], [200, 304]);
    await assertNotReloaded(page);
  });

  await t.test('alice opens her alarms, marks them read; bob comments and the alarm and the badge appear live', async () => {
    await alice.page.getByRole('link', { name: /Alarms/ }).click();
    await alice.page.locator('.alarm-list .alarm.unread[data-alarm-type=NEW_LIKE_ON_POST]').waitFor();
    await alice.page.locator('.stream-status[data-state=live]').waitFor();
    // the badge is the server's unread count: opening the list does not read the alarms, the button does
    assert.equal(await alice.page.locator('[data-testid=alarm-badge]').textContent(), '1');
    await alice.page.locator('[data-testid=mark-read]').click();
    await alice.page.locator('[data-testid=alarm-badge][hidden]').waitFor({ state: 'attached' });
    // the stream's unread event may hide the badge before the button's own answer has updated the list
    await alice.page.waitForFunction(() => document.querySelectorAll('.alarm-list .alarm.unread').length === 0);
    assert.equal(await alice.page.locator('[data-testid=mark-read]').isDisabled(), true);
    // what the server keeps: a reload shows the alarm read and no badge
    const unread = await alice.page.evaluate(async () => {
      const response = await fetch('/api/v1/users/alarm/unread-count', {
        headers: { Authorization: `Bearer ${localStorage.getItem('sns.token')}` },
      });
      return (await response.json()).result.count;
    });
    assert.equal(unread, 0);

    const page = bob.page;
    await page.locator('textarea[name=comment]').fill('Nice post, alice!');
    await page.getByRole('button', { name: 'Comment' }).click();
    await page.locator('.comment-list .comment-text', { hasText: 'Nice post, alice!' }).waitFor();
    await page.locator('#comments-title', { hasText: '1 comment' }).waitFor();

    const live = alice.page.locator('.alarm-list .alarm.fresh.unread[data-alarm-type=NEW_COMMENT_ON_POST]');
    await live.waitFor({ timeout: LIVE_TIMEOUT });
    assert.equal(await alice.page.locator('.alarm-list .alarm').count(), 2);
    // the stream's unread event brings the badge back, and with it the button
    await alice.page.locator('[data-testid=alarm-badge]:not([hidden])', { hasText: '1' }).waitFor({ timeout: LIVE_TIMEOUT });
    await alice.page.locator('[data-testid=mark-read]:not([disabled])').waitFor();
    assert.equal(await live.locator('a').getAttribute('href'), `/posts/${postId}`);
    await assertNotReloaded(alice.page);
    await alice.page.waitForTimeout(1300); // let the arrival animation finish before the screenshot
    await shot(alice.page, 'alarms');
    await shot(bob.page, 'post-detail');
  });

  await t.test('the feed, also on a phone-sized screen', async () => {
    await navLink(bob.page, 'Everyone').click();
    await bob.page.locator(`.post-card[data-post-id="${postId}"]`).waitFor();
    await shot(bob.page, 'feed');

    const phone = await newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      storageState: await bob.page.context().storageState(), // bob's token in localStorage
    });
    await phone.goto('/everyone');
    await phone.locator(`.post-card[data-post-id="${postId}"]`).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone screen`);
    await shot(phone, 'feed-phone');
    await phone.goto(`/posts/${postId}`);
    await phone.locator('.post-title').waitFor();
    await shot(phone, 'post-detail-phone');
    await phone.context().close();
  });

  await t.test('the Popular tab ranks the liked post in each time window', async () => {
    const page = bob.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Popular' }).click();
    await page.waitForURL(`${BASE}/popular`);
    assert.equal(await page.locator('.window-tab[aria-current=page]').getAttribute('data-window'), '24h');
    await findOnPopular(page, '24h', postId);
    await shot(page, 'popular');
    for (const window of ['1h', '7d']) {
      await page.goto('/popular');
      await page.locator(`.window-tab[data-window="${window}"]`).click();
      await page.waitForURL(`${BASE}/popular?window=${window}`);
      await page.locator(`.window-tab[aria-current=page][data-window="${window}"]`).waitFor();
      await findOnPopular(page, window, postId);
    }
  });

  await t.test('my posts come ten to a page', async () => {
    const page = alice.page;
    // ten more posts through the API, with the token the client keeps
    await page.evaluate(async () => {
      const headers = { Authorization: `Bearer ${localStorage.getItem('sns.token')}`, 'Content-Type': 'application/json' };
      for (let i = 1; i <= 10; i++) {
        const response = await fetch('/api/v1/posts', { method: 'POST', headers, body: JSON.stringify({ title: `Filler ${i}`, body: 'x' }) });
        if (!response.ok) throw new Error(`post ${i}: ${response.status}`);
      }
    });
    await page.getByRole('link', { name: 'My posts' }).click();
    await page.locator('.pager-status', { hasText: 'Page 1 of 2' }).waitFor();
    assert.equal(await page.locator('.post-card').count(), 10);
    assert.equal(await page.locator('.post-card h2').first().textContent(), 'Filler 10', 'newest first');
    await page.getByRole('link', { name: 'Older →' }).click();
    await page.waitForURL(/\/my\?page=2$/);
    await page.locator('.pager-status', { hasText: 'Page 2 of 2' }).waitFor();
    assert.equal(await page.locator(`.post-card[data-post-id="${postId}"]`).count(), 1);
    await page.getByRole('link', { name: '← Newer' }).click();
    await page.locator('.pager-status', { hasText: 'Page 1 of 2' }).waitFor();
  });

  await t.test('bob follows alice from her post; alice sees the new follower live; both profiles count it', async () => {
    await alice.page.getByRole('link', { name: /Alarms/ }).click();
    await alice.page.locator('.stream-status[data-state=live]').waitFor({ timeout: LIVE_TIMEOUT });
    await markNoReload(alice.page);

    const page = bob.page;
    await page.goto(`/posts/${postId}`);
    const follow = page.locator('[data-testid=follow-button]');
    await follow.waitFor();
    assert.equal(await follow.textContent(), 'Follow');
    assert.equal(await follow.getAttribute('aria-pressed'), 'false');
    await page.locator('[data-testid=author-followers]', { hasText: '0 followers' }).waitFor();
    await follow.click();
    await page.locator('[data-testid=follow-button][aria-pressed=true]', { hasText: 'Following' }).waitFor();
    await page.locator('[data-testid=author-followers]', { hasText: '1 follower' }).waitFor();
    await shot(page, 'post-detail-following');

    const alarm = alice.page.locator('.alarm-list .alarm.fresh[data-alarm-type=NEW_FOLLOWER]');
    await alarm.waitFor({ timeout: LIVE_TIMEOUT });
    await assertNotReloaded(alice.page);
    assert.equal(await alarm.locator('a').getAttribute('href'), `/profiles/${alice.name}?list=followers`);
    await alarm.locator('a').click();
    await alice.page.waitForURL(`${BASE}/profiles/${alice.name}?list=followers`);
    await alice.page.locator('[data-testid=follower-count]', { hasText: '1 follower' }).waitFor();
    assert.equal(await alice.page.locator('[data-testid=following-count]').textContent(), '0 following');
    assert.deepEqual(await alice.page.locator('.user-list[data-list=followers] .user-link').allTextContents(), [bob.name]);
    assert.equal(await alice.page.locator('[data-testid=follow-button]').count(), 0, 'no follow button on your own profile');
    await shot(alice.page, 'profile-followers');

    // bob's own profile, from his name in the header: he follows alice
    await page.locator('.site-header a.user-name').click();
    await page.waitForURL(`${BASE}/profiles/${bob.name}`);
    await page.locator('[data-testid=following-count]', { hasText: '1 following' }).click();
    await page.waitForURL(`${BASE}/profiles/${bob.name}?list=following`);
    await page.locator('.user-list[data-list=following] .user-link', { hasText: alice.name }).click();
    await page.waitForURL(`${BASE}/profiles/${alice.name}`);
    await page.locator('.page-profile [data-testid=follow-button][aria-pressed=true]').waitFor();
  });

  await t.test("bob's Home shows alice's posts newest first, and more of them by cursor", async () => {
    const page = bob.page;
    const cards = page.locator('.timeline-list .post-card');
    // alice has 11 posts: her first and the ten fillers; the follow back-fills them into bob's timeline
    await untilHome(page, async () => (await cards.count()) === 10, 'the first page of 10 of alice\'s posts');
    assert.equal(await cards.first().locator('h2').textContent(), 'Filler 10', 'newest first');
    assert.equal(await page.locator(`.timeline-list .post-card[data-post-id="${postId}"]`).count(), 0);
    await shot(page, 'home');
    await page.locator('[data-testid=timeline-more]').click();
    await page.locator(`.timeline-list .post-card[data-post-id="${postId}"]`).waitFor();
    // the last page may be an empty one: "More" until the timeline says there is no more
    const more = page.locator('.page-home .pager:not([hidden]) [data-testid=timeline-more]');
    for (let clicks = 0; (await more.count()) > 0; clicks++) {
      assert.ok(clicks < 3, 'the timeline ends');
      await more.click();
      await page.locator('.page-home .pager[aria-busy]').waitFor({ state: 'detached' });
    }
    const ids = await cards.evaluateAll((els) => els.map((el) => el.dataset.postId));
    assert.equal(ids.length, 11, `posts shown: ${ids}`);
    assert.equal(new Set(ids).size, 11, `no post twice: ${ids}`);
    assert.equal(ids.at(-1), String(postId), 'her first post last');
  });

  await t.test('bob unlikes; only alice may edit, she edits and deletes her post', async () => {
    await bob.page.goto(`/posts/${postId}`);
    await bob.page.getByRole('button', { name: /Unlike/ }).click();
    await bob.page.locator('[data-testid=like-count]', { hasText: '0 likes' }).waitFor();
    assert.equal(await bob.page.getByRole('link', { name: 'Edit' }).count(), 0);

    const page = alice.page;
    await page.getByRole('link', { name: /Alarms/ }).click();
    await page.locator(`.alarm-list a[href="/posts/${postId}"]`).first().click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.locator('input[name=title]').fill(`Edited by ${alice.name}`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.post-title', { hasText: 'Edited by' }).waitFor();

    await page.locator('.flash .alert-success', { hasText: 'saved' }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(`${BASE}/my`);
    await page.locator('.flash .alert-success', { hasText: 'deleted' }).waitFor();
    await page.locator('.page-header', { hasText: '10 posts' }).waitFor(); // the fillers: one page, no pager
    assert.equal(await page.locator('.pager').count(), 0);
    assert.equal(await page.locator(`.post-card[data-post-id="${postId}"]`).count(), 0);

    await bob.page.reload();
    await bob.page.locator('.alert-error[data-code=POST_NOT_FOUND]').waitFor();
  });

  await t.test("bob unfollows alice on her profile; her posts leave his Home", async () => {
    const page = bob.page;
    await page.goto(`/profiles/${alice.name}`);
    const button = page.locator('.page-profile [data-testid=follow-button]');
    await button.waitFor();
    assert.equal(await button.textContent(), 'Following');
    await button.click();
    await page.locator('.page-profile [data-testid=follow-button][aria-pressed=false]', { hasText: 'Follow' }).waitFor();
    await page.locator('[data-testid=follower-count]', { hasText: '0 followers' }).waitFor();
    await untilHome(page, async () => (await page.locator('.page-home .empty').count()) === 1, "alice's posts gone");
    assert.equal(await page.locator('.timeline-list .post-card').count(), 0);
  });

  await t.test('an invalid token sends the user back to sign in; sign out ends the session', async () => {
    // The token breaks before the app's first script runs, in a new page of bob's browser: a page already open
    // (its alarm stream's catch-up, a reconnect) could meet the broken token first and sign bob out, token and
    // user gone from the shared storage, so /my would send him to sign in without saying why.
    const browserOfBob = bob.page.context();
    await bob.page.close();
    const page = watched(await browserOfBob.newPage());
    bob.page = page;
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('token-broken')) {
        sessionStorage.setItem('token-broken', 'yes');
        localStorage.setItem('sns.token', 'not-a-valid-token');
      }
    });
    await page.goto('/my');
    await page.waitForURL(/\/login\?next=%2Fmy/);
    await page.locator('.flash .alert', { hasText: 'token' }).waitFor();

    await alice.page.getByRole('button', { name: 'Sign out' }).click();
    await alice.page.waitForURL(/\/login$/);
    assert.equal(await alice.page.evaluate(() => localStorage.getItem('sns.token')), null);
    await alice.page.goto('/alarms');
    await alice.page.waitForURL(/\/login\?next=%2Falarms/);
  });

  assert.deepEqual(pageErrors, [], 'no JavaScript errors or blocked content in the pages');
});
