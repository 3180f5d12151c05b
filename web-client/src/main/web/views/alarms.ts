import { api, type Alarm } from '../api';
import { h, icon, plural, time } from '../dom';
import { liveAlarms } from '../live';
import type { RouteContext } from '../router';
import { pageParam, pageTitle, pager } from '../ui';

const LABELS: Record<string, { icon: 'heart' | 'comment'; text: string }> = {
  NEW_LIKE_ON_POST: { icon: 'heart', text: 'New like on your post' },
  NEW_COMMENT_ON_POST: { icon: 'comment', text: 'New comment on your post' },
};

function alarmItem(alarm: Alarm, fresh = false): HTMLElement {
  const label = LABELS[alarm.alarmType] ?? { icon: 'bell' as const, text: alarm.text };
  const postId = alarm.alarmArgs?.targetId;
  return h(
    'li',
    { class: `card alarm${fresh ? ' fresh' : ''}`, 'data-alarm-id': alarm.id, 'data-alarm-type': alarm.alarmType },
    h('span', { class: 'alarm-icon' }, icon(label.icon)),
    h(
      'div',
      { class: 'alarm-body' },
      h('p', { class: 'alarm-text' }, postId ? h('a', { href: `/posts/${postId}` }, label.text) : label.text),
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
  const empty = h('div', { class: 'card empty' }, h('p', null, 'No alarms yet. Likes and comments on your posts show up here.'));
  const status = streamStatus();
  const known = new Set(page.content.map((a) => a.id));

  liveAlarms.markSeen(page.content);
  ctx.onLeave(liveAlarms.onChange(() => status.update()));
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
        liveAlarms.markSeen([alarm]);
      }),
    );
  }

  return h(
    'section',
    { class: 'page page-alarms' },
    h('header', { class: 'page-header' }, h('h1', null, 'Alarms'), count),
    status,
    page.empty && number === 0 ? empty : null,
    list,
    pager(page, ctx.path),
  );
}
