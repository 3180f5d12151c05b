import { api, storeToken } from '../api';
import { h } from '../dom';
import { liveAlarms } from '../live';
import { flash, navigate, type RouteContext } from '../router';
import { session } from '../session';
import { busy, errorBox, field, pageTitle, showFormError } from '../ui';

/** Only local paths: a "next" parameter must never send the user to another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function loginView(ctx: RouteContext): Node {
  pageTitle('Sign in');
  const name = h('input', { name: 'name', autocomplete: 'username', value: ctx.query.get('name') ?? '', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password' });
  const errors = h('div', { class: 'form-errors' });
  const form = h(
    'form',
    { class: 'card form', novalidate: true, 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in'),
    errors,
    field('User name', name),
    field('Password', password),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Sign in')),
    h('p', { class: 'muted' }, 'New here? ', h('a', { href: '/join' }, 'Create an account')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      try {
        const { token } = await api.login(name.value.trim(), password.value);
        storeToken(token); // /me needs it
        session.signIn(token, await api.me());
        liveAlarms.start();
        navigate(safeNext(ctx.query.get('next')), { replace: true });
      } catch (error) {
        if (!session.signedIn()) storeToken(null); // login worked but /me did not: start over
        showFormError(form, errors, error);
        password.value = '';
      }
    });
  });
  queueMicrotask(() => (name.value ? password : name).focus());
  return h('section', { class: 'narrow' }, form);
}

export function joinView(): Node {
  pageTitle('Sign up');
  const name = h('input', { name: 'name', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
  const confirm = h('input', { name: 'confirm', type: 'password', autocomplete: 'new-password' });
  const errors = h('div', { class: 'form-errors' });
  const form = h(
    'form',
    { class: 'card form', novalidate: true, 'aria-labelledby': 'join-title' },
    h('h1', { id: 'join-title' }, 'Create an account'),
    errors,
    field('User name', name, '3–30 letters, digits, “_”, “.” or “-”'),
    field('Password', password, 'At least 8 characters'),
    field('Repeat the password', confirm),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Sign up')),
    h('p', { class: 'muted' }, 'Already have an account? ', h('a', { href: '/login' }, 'Sign in')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (password.value !== confirm.value) {
      errors.replaceChildren(errorBox(new Error('The two passwords differ.')));
      confirm.setAttribute('aria-invalid', 'true');
      return;
    }
    void busy(form, async () => {
      try {
        const user = await api.join(name.value.trim(), password.value);
        flash(`Welcome, ${user.userName}! Your account is ready: sign in to continue.`, 'success');
        navigate(`/login?name=${encodeURIComponent(user.userName)}`);
      } catch (error) {
        showFormError(form, errors, error);
      }
    });
  });
  queueMicrotask(() => name.focus());
  return h('section', { class: 'narrow' }, form);
}
