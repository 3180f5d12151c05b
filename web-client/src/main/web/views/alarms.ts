import { api, type Alarm } from '../api';
import { h, icon, plural, time } from '../dom';
import { liveAlarms } from '../live';
import type { RouteContext } from '../router';
import { session } from '../session';
import { errorBox, pageParam, pageTitle, pager } from '../ui';
import { profileHref } from './follow';

const LABELS: Record<string, { icon: 'heart' | 'comment' | 'person'; text: string }> = {
  NEW_LIKE_ON_POST: { icon: 'heart', text: 'New like on your post' },
  NEW_COMMENT_ON_POST: { icon: 'comment', text: 'New comment on your post' },
  NEW_FOLLOWER: { icon: 'person', text: 'New follower' },
};

/**
 * Where an alarm leads: a like or comment to the post (targetId); a new follower to the receiver's followers list
 * (targetId is the receiver; the alarm names the follower by id only, and the list shows them by name).
 */
function alarmHref(alarm: Alarm): string | null {
  const targetId = alarm.alarmArgs?.targetId;
  if (!targetId) return null;
  if (alarm.alarmType === 'NEW_FOLLOWER') {
    const me = session.user()?.userName;
    return me ? profileHref(me, 'followers') : null;
  }
  return `/posts/${targetId}`;
}

function alarmItem(alarm: Alarm, fresh = false): HTMLElement {
  const label = LABELS[alarm.alarmType] ?? { icon: 'bell' as const, text: alarm.text };
  const href = alarmHref(alarm);
  const unread = alarm.read === false;
  return h(
    'li',
    {
      class: `card alarm${fresh ? ' fresh' : ''}${unread ? ' unread' : ''}`,
      'data-alarm-id': alarm.id,
      'data-alarm-type': alarm.alarmType,
      'aria-label': unread ? `Unread: ${label.text}` : undefined,
    },
    h('span', { class: 'alarm-icon' }, icon(label.icon)),
    h(
      'div',
      { class: 'alarm-body' },
      h('p', { class: 'alarm-text' }, href ? h('a', { href }, label.text) : label.text),
      h(
        'p',
        { class: 'meta' },
        alarm.alarmArgs?.fromUserId ? `from user #${alarm.alarmArgs.fromUserId} · ` : '',
        time(alarm.registeredAt),
      ),
    ),
  );
}

function streamStatus(): HTMLElement & { update(): void } {
  const el = h('p', { class: 'stream-status', 'aria-live': 'polite' });
  const update = () => {
    el.dataset.state = liveAlarms.state;
    el.textContent =
      liveAlarms.state === 'live'
        ? 'Live: new alarms appear here as they happen.'
        : liveAlarms.state === 'off'
          ? 'Live updates are off.'
          : 'Connecting to live updates…';
  };
  update();
  return Object.assign(el, { update });
}

export async function alarmsView(ctx: RouteContext): Promise<Node> {
  const number = pageParam(ctx.query);
  const page = await api.alarms({ page: number });
  pageTitle('Alarms');
  let total = page.totalElements;
  const count = h('span', { class: 'muted' }, plural(total, 'alarm'));
  const list = h('ol', { class: 'alarm-list' }, page.content.map((a) => alarmItem(a)));
  const empty = h('div', { class: 'card empty' }, h('p', null, 'No alarms yet. Likes and comments on your posts and new followers show up here.'));
  const status = streamStatus();
  const known = new Set(page.content.map((a) => a.id));

  const problem = h('div', { class: 'mark-read-error' });
  const markRead = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-ghost btn-small',
      'data-testid': 'mark-read',
      onClick: async () => {
        // on the first page up to the newest alarm shown (one that arrives meanwhile stays unread), else all
        const upToId = number === 0 && known.size > 0 ? Math.max(...known) : undefined;
        markRead.disabled = true;
        try {
          await liveAlarms.markRead(upToId);
          problem.replaceChildren();
          list.querySelectorAll<HTMLElement>('.alarm.unread').forEach((item) => {
            if (upToId === undefined || Number(item.dataset.alarmId) <= upToId) {
              item.classList.remove('unread');
              item.removeAttribute('aria-label');
            }
          });
        } catch (error) {
          problem.replaceChildren(errorBox(error));
        }
        updateMarkRead();
      },
    },
    'Mark all as read',
  );
  const updateMarkRead = () => {
    markRead.disabled = liveAlarms.unreadCount === 0;
  };
  updateMarkRead();
  ctx.onLeave(
    liveAlarms.onChange(() => {
      status.update();
      updateMarkRead();
    }),
  );
  if (number === 0) {
    // on the first page new alarms are prepended as they arrive
    ctx.onLeave(
      liveAlarms.onAlarm((alarm) => {
        if (known.has(alarm.id)) return;
        known.add(alarm.id);
        total += 1;
        count.textContent = plural(total, 'alarm');
        list.prepend(alarmItem(alarm, true));
        empty.remove();
      }),
    );
  }

  return h(
    'section',
    { class: 'page page-alarms' },
    h('header', { class: 'page-header' }, h('h1', null, 'Alarms'), count, markRead),
    status,
    problem,
    page.empty && number === 0 ? empty : null,
    list,
    pager(page, ctx.path),
  );
}
