/**
 * The public API of the gateway (docs/api.md), used exactly: same-origin paths, the envelope
 * {"resultCode","resultMessage","result"}, Bearer tokens, 0-based paging.
 */

export interface User {
  id: number;
  userName: string;
  role: string;
}

export interface PostAuthor {
  id: number;
  userName: string | null;
  name?: string | null;
  role?: string | null;
}

export interface Post {
  id: number;
  title: string;
  body: string;
  user: PostAuthor;
  likeCount?: number;
  commentCount?: number;
  registeredAt: string;
  updatedAt: string | null;
  deletedAt: string | null;
}

export interface Comment {
  id: number;
  comment: string;
  userName: string | null;
  userId: number;
  postId: number;
  registeredAt: string;
  updatedAt: string | null;
  deletedAt: string | null;
}

/** (ext) A user with the follow graph's counts, and whether the caller follows them: GET /api/v1/profiles/{userName}. */
export interface Profile extends User {
  followerCount: number;
  followingCount: number;
  followedByMe: boolean;
}

/** A post of the home timeline: while post-service cannot be reached, one not cached comes with its id only. */
export type TimelinePost = Omit<Post, 'title' | 'body'> & { title: string | null; body: string | null };

/**
 * (ext) A page of the caller's home timeline, newest first: a keyset slice, no totals. `nextCursor` is opaque: passed
 * back as `cursor`, it continues below the last post this page looked at even while new posts arrive; null on the
 * last page (the last page may also be an empty one).
 */
export interface TimelinePage {
  content: TimelinePost[];
  size: number;
  numberOfElements: number;
  first: boolean;
  last: boolean;
  empty: boolean;
  nextCursor: string | null;
}

export type AlarmType = 'NEW_LIKE_ON_POST' | 'NEW_COMMENT_ON_POST' | 'NEW_FOLLOWER';

export interface Alarm {
  id: number;
  alarmType: AlarmType | string;
  alarmArgs: { fromUserId: number; targetId: number };
  text: string;
  registeredAt: string;
  updatedAt: string | null;
  deletedAt: string | null;
  /** (ext) Whether the receiver marked it read. */
  read?: boolean;
}

/** (ext) The caller's unread alarms: GET /api/v1/users/alarm/unread-count, the answer of a read, the stream's "unread" event. */
export interface UnreadCount {
  count: number;
}

export interface Page<T> {
  content: T[];
  number: number;
  size: number;
  totalElements: number;
  totalPages: number;
  numberOfElements: number;
  first: boolean;
  last: boolean;
  empty: boolean;
}

export interface FieldError {
  field: string;
  message: string;
}

interface Envelope<T> {
  resultCode: string;
  resultMessage?: string | null;
  result: T;
}

/** An error answer of the API (or no answer at all: status 0, code NETWORK_ERROR). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Used when an envelope carries no message of its own. */
const FALLBACK_MESSAGES: Record<string, string> = {
  INVALID_REQUEST: 'The request is invalid.',
  INVALID_TOKEN: 'Your session has expired. Please sign in again.',
  INVALID_PASSWORD: 'The password is wrong.',
  INVALID_PERMISSION: 'You may not do this.',
  USER_NOT_FOUND: 'There is no user with this name.',
  POST_NOT_FOUND: 'This post does not exist or was deleted.',
  NOT_FOUND: 'Not found.',
  DUPLICATED_USER_NAME: 'This user name is taken.',
  ALREADY_LIKED: 'You already liked this post.',
  TOO_MANY_REQUESTS: 'Too many requests. Please wait a moment and try again.',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable. Please try again shortly.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side.',
};

const TOKEN_KEY = 'sns.token';

export function storedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

let onUnauthorized: (error: ApiError) => void = () => {};

/** Called when a request that carried the token is refused with 401 (expired or revoked session). */
export function setUnauthorizedHandler(handler: (error: ApiError) => void): void {
  onUnauthorized = handler;
}

function isFieldErrorList(value: unknown): value is FieldError[] {
  return Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'field' in v && 'message' in v);
}

async function request<T>(method: string, path: string, body?: unknown, authenticated = true): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = authenticated ? storedToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // Reads are conditional (ext): the browser keeps each answer with its ETag and asks the server again before
      // every use (If-None-Match). An unchanged page comes back as a 304 without body and is served from the cache
      // as a 200, a changed one in full: never stale, and no body for what did not change.
      cache: 'no-cache',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the server. Check your connection and try again.');
  }

  let envelope: Envelope<T> | null = null;
  try {
    envelope = (await response.json()) as Envelope<T>;
  } catch {
    envelope = null; // not JSON: only possible from something in front of the gateway
  }

  if (response.ok && envelope?.resultCode === 'SUCCESS') {
    return envelope.result;
  }
  const code = envelope?.resultCode ?? `HTTP_${response.status}`;
  const message =
    envelope?.resultMessage || FALLBACK_MESSAGES[code] || `The server answered ${response.status} ${response.statusText}`.trim();
  const error = new ApiError(response.status, code, message, isFieldErrorList(envelope?.result) ? envelope.result : []);
  if (response.status === 401 && token) {
    onUnauthorized(error);
  }
  throw error;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The windows of the popular posts (ext). */
export type PopularWindow = '1h' | '24h' | '7d';

export interface PageRequest {
  page: number; // 0-based
  size?: number;
  sort?: string;
}

const NEWEST_FIRST = 'id,desc';

export const api = {
  join: (name: string, password: string) =>
    request<User>('POST', '/api/v1/users/join', { name, password }, false),
  login: (name: string, password: string) =>
    request<{ token: string }>('POST', '/api/v1/users/login', { name, password }, false),
  me: () => request<User>('GET', '/api/v1/users/me'),

  feed: ({ page, size = 10, sort = NEWEST_FIRST }: PageRequest) =>
    request<Page<Post>>('GET', `/api/v1/posts${query({ page, size, sort })}`),
  myPosts: ({ page, size = 10, sort = NEWEST_FIRST }: PageRequest) =>
    request<Page<Post>>('GET', `/api/v1/posts/my${query({ page, size, sort })}`),
  popular: ({ window, page, size = 10 }: PageRequest & { window: PopularWindow }) =>
    request<Page<Post>>('GET', `/api/v1/posts/popular${query({ window, page, size })}`),
  post: (id: number) => request<Post>('GET', `/api/v1/posts/${id}`),
  createPost: (title: string, body: string) => request<Post | null>('POST', '/api/v1/posts', { title, body }),
  updatePost: (id: number, title: string, body: string) =>
    request<Post>('PUT', `/api/v1/posts/${id}`, { title, body }),
  deletePost: (id: number) => request<null>('DELETE', `/api/v1/posts/${id}`),

  like: (id: number) => request<null>('POST', `/api/v1/posts/${id}/likes`),
  unlike: (id: number) => request<null>('DELETE', `/api/v1/posts/${id}/likes`),
  likeCount: (id: number) => request<number>('GET', `/api/v1/posts/${id}/likes`),

  comments: (id: number, { page, size = 10, sort = NEWEST_FIRST }: PageRequest) =>
    request<Page<Comment>>('GET', `/api/v1/posts/${id}/comments${query({ page, size, sort })}`),
  addComment: (id: number, comment: string) =>
    request<Comment>('POST', `/api/v1/posts/${id}/comments`, { comment }),

  /** (ext) The caller's home timeline: posts of the people they follow and their own; `cursor` from the last page. */
  timeline: ({ cursor, size = 10 }: { cursor?: string; size?: number }) =>
    request<TimelinePage>('GET', `/api/v1/timeline${query({ size, cursor })}`),
  profile: (userName: string) => request<Profile>('GET', `/api/v1/profiles/${encodeURIComponent(userName)}`),
  /** Idempotent both ways: following someone already followed (or unfollowing someone not followed) is no error. */
  follow: (userName: string) => request<unknown>('POST', `/api/v1/profiles/${encodeURIComponent(userName)}/follow`),
  unfollow: (userName: string) => request<unknown>('DELETE', `/api/v1/profiles/${encodeURIComponent(userName)}/follow`),
  /** The users who follow `userName` (followers) or whom `userName` follows (following). */
  connections: (userName: string, list: 'followers' | 'following', { page, size = 20 }: PageRequest) =>
    request<Page<User>>('GET', `/api/v1/profiles/${encodeURIComponent(userName)}/${list}${query({ page, size })}`),

  alarms: ({ page, size = 20, sort = NEWEST_FIRST }: PageRequest) =>
    request<Page<Alarm>>('GET', `/api/v1/users/alarm${query({ page, size, sort })}`),
  unreadCount: () => request<UnreadCount>('GET', '/api/v1/users/alarm/unread-count'),
  /** Marks the caller's alarms read: all of them, or those up to this id. */
  markAlarmsRead: (upToId?: number) =>
    request<UnreadCount>('POST', '/api/v1/users/alarm/read', upToId === undefined ? undefined : { upToId }),
  /** EventSource cannot send headers: the stream takes the token as a query parameter. */
  alarmStreamUrl: (token: string) => `/api/v1/users/alarm/subscribe${query({ token })}`,
};
