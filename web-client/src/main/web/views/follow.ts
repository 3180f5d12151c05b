import { api, type Profile } from '../api';
import { h, plural } from '../dom';
import { session } from '../session';
import { busy, errorBox } from '../ui';

/** Where a user's profile lives in the client: /profiles/{userName}, like the API's path. */
export function profileHref(userName: string, list?: 'followers' | 'following'): string {
  const path = `/profiles/${encodeURIComponent(userName)}`;
  return list ? `${path}?list=${list}` : path;
}

/**
 * A Follow / Following button for a profile the caller is not. The server's answer is the truth: after each click the
 * profile is read again (followedByMe and the counts), so another tab's follow or a double click cannot leave it wrong.
 * `onChange` gets the profile as read after the change.
 */
export function followButton(initial: Profile, notice: HTMLElement, onChange: (profile: Profile) => void = () => {}): HTMLElement {
  let profile = initial;
  const button = h('button', { type: 'button', class: 'btn follow-button', 'data-testid': 'follow-button' });
  const show = () => {
    button.textContent = profile.followedByMe ? 'Following' : 'Follow';
    button.setAttribute('aria-pressed', String(profile.followedByMe));
    button.setAttribute('aria-label', `${profile.followedByMe ? 'Unfollow' : 'Follow'} ${profile.userName}`);
    button.title = profile.followedByMe ? `Unfollow ${profile.userName}` : `Follow ${profile.userName}`;
    button.classList.toggle('btn-primary', !profile.followedByMe);
    button.classList.toggle('following', profile.followedByMe);
  };
  show();
  button.addEventListener('click', () => {
    void busy(button.parentElement ?? button, async () => {
      notice.replaceChildren();
      try {
        if (profile.followedByMe) await api.unfollow(profile.userName);
        else await api.follow(profile.userName);
        profile = await api.profile(profile.userName);
        show();
        onChange(profile);
      } catch (error) {
        notice.replaceChildren(errorBox(error));
      }
    });
  });
  return button;
}

/**
 * The author of a post with a follow button, filled in once the author's profile has loaded: the post is shown at once,
 * and a profile that cannot be read (user-service down, a degraded author without a name) only leaves the button out.
 */
export function authorFollowControl(userName: string | null | undefined, notice: HTMLElement): HTMLElement {
  const slot = h('span', { class: 'author-follow' });
  if (!userName || userName === session.user()?.userName) return slot;
  void api.profile(userName).then(
    (profile) => {
      const followers = h('span', { class: 'muted follower-count', 'data-testid': 'author-followers' }, plural(profile.followerCount, 'follower'));
      slot.replaceChildren(
        followButton(profile, notice, (p) => (followers.textContent = plural(p.followerCount, 'follower'))),
        ' ',
        followers,
      );
    },
    () => slot.replaceChildren(),
  );
  return slot;
}
