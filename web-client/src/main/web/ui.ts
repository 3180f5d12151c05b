import { ApiError, type Page, type Post, type PostAuthor, type TimelinePost } from './api';
import { h, icon, plural, time } from './dom';

const FIELD_LABELS: Record<string, string> = {
  name: 'User name',
  password: 'Password',
  title: 'Title',
  body: 'Text',
  comment: 'Comment',
  page: 'Page',
  size: 'Page size',
  sort: 'Sort',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** An error as the user should read it: the envelope's message, then every field error. */
export function errorBox(error: unknown): HTMLElement {
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.message ?? (error instanceof Error ? error.message : String(error));
  return h(
    'div',
    { class: 'alert alert-error', role: 'alert', 'data-code': apiError?.code ?? 'CLIENT_ERROR' },
    h('p', null, message),
    apiError && apiError.fieldErrors.length > 0
      ? h(
          'ul',
          { class: 'field-errors' },
          apiError.fieldErrors.map((f) => h('li', null, h('strong', null, fieldLabel(f.field)), ' ', f.message)),
        )
      : null,
  );
}

/** Shows the error above a form and marks the inputs the API complained about. */
export function showFormError(form: HTMLFormElement, slot: HTMLElement, error: unknown): void {
  slot.replaceChildren(errorBox(error));
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  if (error instanceof ApiError) {
    for (const f of error.fieldErrors) {
      form.querySelector(`[name="${CSS.escape(f.field)}"]`)?.setAttribute('aria-invalid', 'true');
    }
  }
  slot.scrollIntoView({ block: 'nearest' });
}

export function alert(text: string, kind: 'info' | 'success' | 'error' = 'info'): HTMLElement {
  return h('div', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function authorName(user: PostAuthor | null | undefined): string {
  if (!user) return 'unknown';
  return user.userName ?? user.name ?? `user #${user.id}`;
}

/** The author as a link to their profile; a degraded author (id only, user-service unavailable) stays plain text. */
export function authorLink(user: PostAuthor | null | undefined): HTMLElement {
  const name = authorName(user);
  return user?.userName
    ? h('a', { class: 'author', href: `/profiles/${encodeURIComponent(user.userName)}` }, name)
    : h('span', { class: 'author' }, name);
}

export function field(
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  const id = control.id || `f-${control.name}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
}

/** Disables a form's buttons while an action runs. */
export async function busy<T>(form: HTMLElement, action: () => Promise<T>): Promise<T> {
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => (b.disabled = true));
  form.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    form.removeAttribute('aria-busy');
  }
}

/**
 * Newer / older links for a page; `param` is the query parameter holding the 1-based page number, `labels` what the
 * links say (a list that is not newest first names its own order).
 */
export function pager(
  page: Page<unknown>,
  path: string,
  param = 'page',
  query = new URLSearchParams(),
  labels = { previous: '← Newer', next: 'Older →' },
): HTMLElement | null {
  if (page.totalPages <= 1 && page.number === 0) return null;
  const link = (n: number) => {
    const q = new URLSearchParams(query);
    if (n === 0) q.delete(param);
    else q.set(param, String(n + 1));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    page.first
      ? h('span', { class: 'btn btn-ghost disabled', 'aria-disabled': 'true' }, labels.previous)
      : h('a', { class: 'btn btn-ghost', href: link(page.number - 1), rel: 'prev' }, labels.previous),
    h('span', { class: 'pager-status' }, `Page ${page.number + 1} of ${Math.max(page.totalPages, 1)}`),
    page.last
      ? h('span', { class: 'btn btn-ghost disabled', 'aria-disabled': 'true' }, labels.next)
      : h('a', { class: 'btn btn-ghost', href: link(page.number + 1), rel: 'next' }, labels.next),
  );
}

/** The 0-based page number from a 1-based query parameter; anything odd means the first page. */
export function pageParam(query: URLSearchParams, param = 'page'): number {
  const n = Number.parseInt(query.get(param) ?? '', 10);
  return Number.isFinite(n) && n > 1 ? n - 1 : 0;
}

export function excerpt(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * A post in a list. The home timeline gives a post whose body could not be read (post-service unreachable) with its id
 * only: it shows as unavailable, linking to the post.
 */
export function postCard(post: Post | TimelinePost): HTMLElement {
  return h(
    'article',
    { class: 'card post-card', 'data-post-id': post.id },
    h('h2', { class: 'post-card-title' }, h('a', { href: `/posts/${post.id}` }, post.title ?? `Post #${post.id} (not available right now)`)),
    h('p', { class: 'meta' }, authorLink(post.user), ' · ', time(post.registeredAt)),
    h('p', { class: 'excerpt' }, excerpt(post.body ?? '')),
    h(
      'p',
      { class: 'counts' },
      typeof post.likeCount === 'number' ? h('span', null, icon('heart'), plural(post.likeCount, 'like')) : null,
      typeof post.commentCount === 'number' ? h('span', null, icon('comment'), plural(post.commentCount, 'comment')) : null,
    ),
  );
}

export function pageTitle(title: string): void {
  document.title = title ? `${title} · SNS` : 'SNS';
}
