import { storeToken, storedToken, type User } from './api';

/** The signed-in user: the token and the user it names, both kept in localStorage. */

const USER_KEY = 'sns.user';
const listeners = new Set<() => void>();

function readUser(): User | null {
  try {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}

/** Seconds since the epoch at which the token expires, from its payload (not verified: the gateway does that). */
function expiry(token: string): number | null {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as { exp?: number };
    return typeof claims.exp === 'number' ? claims.exp : null;
  } catch {
    return null;
  }
}

export const session = {
  token(): string | null {
    return storedToken();
  },

  user(): User | null {
    return storedToken() ? readUser() : null;
  },

  signedIn(): boolean {
    return storedToken() !== null && readUser() !== null;
  },

  /** True when a stored token has certainly expired: no point sending it. */
  expired(): boolean {
    const token = storedToken();
    if (!token) return false;
    const exp = expiry(token);
    return exp !== null && exp * 1000 <= Date.now();
  },

  signIn(token: string, user: User): void {
    storeToken(token);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
    listeners.forEach((l) => l());
  },

  signOut(): void {
    storeToken(null);
    localStorage.removeItem(USER_KEY);
    listeners.forEach((l) => l());
  },

  onChange(listener: () => void): void {
    listeners.add(listener);
  },
};

/**
 * The API has no "liked by me" field: the client remembers the posts this user liked from this browser, and learns
 * the rest from ALREADY_LIKED answers.
 */
export const likedPosts = {
  key(): string {
    return `sns.liked.${session.user()?.id ?? 'anonymous'}`;
  },
  all(): number[] {
    try {
      return JSON.parse(localStorage.getItem(this.key()) ?? '[]') as number[];
    } catch {
      return [];
    }
  },
  has(postId: number): boolean {
    return this.all().includes(postId);
  },
  set(postId: number, liked: boolean): void {
    const ids = this.all().filter((id) => id !== postId);
    if (liked) ids.push(postId);
    localStorage.setItem(this.key(), JSON.stringify(ids.slice(-500)));
  },
};
