import { api, type Post } from '../api';
import { h } from '../dom';
import { flash, navigate, type RouteContext } from '../router';
import { session } from '../session';
import { alert, busy, field, pageTitle, showFormError } from '../ui';

const TITLE_MAX = 200;
const BODY_MAX = 10_000;

function counter(control: HTMLInputElement | HTMLTextAreaElement, max: number): HTMLElement {
  const out = h('small', { class: 'counter', 'aria-live': 'polite' });
  const update = () => {
    out.textContent = `${control.value.length} / ${max}`;
    out.classList.toggle('over', control.value.length > max);
  };
  control.addEventListener('input', update);
  update();
  return out;
}

function editorForm(heading: string, post: Post | null, save: (title: string, body: string) => Promise<void>): HTMLElement {
  const title = h('input', { name: 'title', value: post?.title ?? '', autocomplete: 'off' });
  const body = h('textarea', { name: 'body', rows: 10 });
  body.value = post?.body ?? '';
  const errors = h('div', { class: 'form-errors' });
  const form = h(
    'form',
    { class: 'card form editor', novalidate: true },
    h('h1', null, heading),
    errors,
    field('Title', title),
    counter(title, TITLE_MAX),
    field('Text', body),
    counter(body, BODY_MAX),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, post ? 'Save' : 'Publish'),
      h('a', { class: 'btn btn-ghost', href: post ? `/posts/${post.id}` : '/' }, 'Cancel'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      try {
        await save(title.value, body.value);
      } catch (error) {
        showFormError(form, errors, error);
      }
    });
  });
  queueMicrotask(() => title.focus());
  return form;
}

export function newPostView(): Node {
  pageTitle('Write');
  return h(
    'section',
    { class: 'page' },
    editorForm('Write a post', null, async (title, body) => {
      const created = await api.createPost(title, body);
      flash('Your post is published.', 'success');
      // older servers answer null: the new post is then on top of "My posts"
      navigate(created?.id ? `/posts/${created.id}` : '/my');
    }),
  );
}

export async function editPostView(ctx: RouteContext): Promise<Node> {
  const post = await api.post(Number(ctx.params.id));
  pageTitle(`Edit: ${post.title}`);
  if (post.user?.id !== session.user()?.id) {
    return h('section', { class: 'page' }, alert('You can only edit your own posts.', 'error'), h('a', { href: `/posts/${post.id}` }, 'Back to the post'));
  }
  return h(
    'section',
    { class: 'page' },
    editorForm('Edit post', post, async (title, body) => {
      await api.updatePost(post.id, title, body);
      flash('Your changes are saved.', 'success');
      navigate(`/posts/${post.id}`);
    }),
  );
}
