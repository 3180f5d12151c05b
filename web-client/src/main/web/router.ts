/** History routing: real paths (/posts/12), which the gateway answers with index.html on a reload. */

export interface RouteContext {
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Runs when the user leaves this page (e.g. to stop listening for live alarms). */
  onLeave(cleanup: () => void): void;
}

export type View = (ctx: RouteContext) => Node | Promise<Node>;

export interface RouteOptions {
  /** Reachable without signing in. */
  public?: boolean;
  /** Only for signed-out users (sign in, sign up): signed-in users go to the feed. */
  guestOnly?: boolean;
}

interface Route extends RouteOptions {
  pattern: RegExp;
  keys: string[];
  view: View;
}

export interface Guard {
  signedIn(): boolean;
}

const routes: Route[] = [];
let outlet: Element;
let guard: Guard;
let notFound: View;
let cleanups: (() => void)[] = [];
let renderId = 0;
let pendingFlash: Flash | null = null;

export interface Flash {
  text: string;
  kind: 'info' | 'success' | 'error';
}

export function route(path: string, view: View, options: RouteOptions = {}): void {
  const keys: string[] = [];
  const source = path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  routes.push({ pattern: new RegExp(`^${source}/?$`), keys, view, ...options });
}

/** A message shown at the top of the next page rendered. */
export function flash(text: string, kind: Flash['kind'] = 'info'): void {
  pendingFlash = { text, kind };
}

export function takeFlash(): Flash | null {
  const f = pendingFlash;
  pendingFlash = null;
  return f;
}

export function currentPath(): string {
  return location.pathname + location.search;
}

export function navigate(to: string, { replace = false } = {}): void {
  if (to === currentPath() && !replace) {
    void render();
    return;
  }
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  void render();
}

export function startRouter(target: Element, routeGuard: Guard, fallback: View): void {
  outlet = target;
  guard = routeGuard;
  notFound = fallback;
  window.addEventListener('popstate', () => void render());
  // same-origin links navigate without reloading the page
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
    if (link.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
  void render();
}

/** Renders the page of the current URL; a slower earlier render never overwrites a later one. */
export async function render(): Promise<void> {
  const id = ++renderId;
  cleanups.forEach((c) => c());
  cleanups = [];
  const path = location.pathname;
  const query = new URLSearchParams(location.search);

  let matched: Route | undefined;
  let params: Record<string, string> = {};
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (m) {
      matched = r;
      params = Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
      break;
    }
  }

  if (matched && !matched.public && !guard.signedIn()) {
    navigate(`/login?next=${encodeURIComponent(currentPath())}`, { replace: true });
    return;
  }
  if (matched?.guestOnly && guard.signedIn()) {
    navigate('/', { replace: true });
    return;
  }

  const ctx: RouteContext = {
    path,
    params,
    query,
    onLeave: (cleanup) => {
      if (id === renderId) cleanups.push(cleanup);
      else cleanup();
    },
  };
  outlet.setAttribute('aria-busy', 'true');
  let node: Node;
  try {
    node = await (matched ? matched.view(ctx) : notFound(ctx));
  } catch (error) {
    node = errorPage(error);
  }
  if (id !== renderId) return;
  outlet.replaceChildren(node);
  outlet.removeAttribute('aria-busy');
  document.dispatchEvent(new CustomEvent('sns:rendered'));
}

let errorPage: (error: unknown) => Node = (error) => document.createTextNode(String(error));

export function setErrorPage(view: (error: unknown) => Node): void {
  errorPage = view;
}
