import { api, type Alarm } from './api';
import { session } from './session';

/**
 * Live alarms: one EventSource on /api/v1/users/alarm/subscribe (event "alarm"; the first message is
 * "connect completed", then one Alarm JSON per event). Keeps the ids of alarms newer than the last one the user
 * has seen on the alarms page: that count is the badge.
 */

export type StreamState = 'off' | 'connecting' | 'live' | 'reconnecting';

type ChangeListener = () => void;
type AlarmListener = (alarm: Alarm) => void;

const CONNECTED = 'connect completed';
const MAX_BACKOFF_MS = 30_000;

class LiveAlarms {
  state: StreamState = 'off';
  private source: EventSource | null = null;
  private unseen = new Set<number>();
  private overflow = false; // more unseen alarms than the first page showed
  private retryTimer: number | undefined;
  private backoff = 1000;
  private changeListeners = new Set<ChangeListener>();
  private alarmListeners = new Set<AlarmListener>();

  /** Count for the badge: "20+" when the first page was full of unseen alarms. */
  get badge(): string {
    const n = this.unseen.size;
    return n === 0 ? '' : this.overflow ? `${n}+` : String(n);
  }

  get unseenCount(): number {
    return this.unseen.size;
  }

  start(): void {
    this.stop();
    const token = session.token();
    if (!token) return;
    this.setState('connecting');
    const source = new EventSource(api.alarmStreamUrl(token));
    this.source = source;
    source.addEventListener('alarm', (event) => {
      const data = (event as MessageEvent<string>).data;
      if (data === CONNECTED) {
        this.backoff = 1000;
        this.setState('live');
        void this.sync(); // anything that happened while we were not connected
        return;
      }
      try {
        this.receive(JSON.parse(data) as Alarm);
      } catch {
        // not an alarm: ignore
      }
    });
    source.onerror = () => {
      if (this.source !== source) return;
      if (source.readyState === EventSource.CLOSED) {
        // refused (e.g. 401, or 503 from an instance that holds as many streams as it admits) or the server went
        // away for good: find out why before trying again. Jitter (0.5–1.5 × the backoff) keeps the clients that
        // a restart or a refusal disconnected together from coming back together.
        this.source = null;
        this.setState('reconnecting');
        const delay = this.backoff * (0.5 + Math.random());
        this.retryTimer = window.setTimeout(() => void this.retry(), delay);
        this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      } else {
        this.setState('reconnecting'); // the browser reconnects by itself, sending Last-Event-ID
      }
    };
  }

  stop(): void {
    window.clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    this.unseen.clear();
    this.overflow = false;
    this.setState('off');
  }

  /** The user looked at the alarms up to this id. */
  markSeen(alarms: Alarm[]): void {
    const newest = Math.max(this.lastSeen(), ...alarms.map((a) => a.id));
    localStorage.setItem(this.seenKey(), String(newest));
    for (const id of [...this.unseen]) if (id <= newest) this.unseen.delete(id);
    this.overflow = false;
    this.emitChange();
  }

  onChange(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onAlarm(listener: AlarmListener): () => void {
    this.alarmListeners.add(listener);
    return () => this.alarmListeners.delete(listener);
  }

  private async retry(): Promise<void> {
    if (!session.token()) return;
    try {
      await api.me(); // a 401 here signs the user out (the API's unauthorized handler)
    } catch {
      // down or unreachable: try the stream again later anyway
    }
    if (session.token()) this.start();
  }

  private async sync(): Promise<void> {
    try {
      const page = await api.alarms({ page: 0 });
      const seen = this.lastSeen();
      const fresh = page.content.filter((a) => a.id > seen);
      fresh.forEach((a) => this.unseen.add(a.id));
      this.overflow = fresh.length === page.content.length && page.totalElements > page.content.length;
      this.emitChange();
    } catch {
      // the badge stays as it is
    }
  }

  private receive(alarm: Alarm): void {
    if (typeof alarm?.id !== 'number') return;
    if (alarm.id > this.lastSeen()) this.unseen.add(alarm.id);
    this.alarmListeners.forEach((l) => l(alarm));
    this.emitChange();
  }

  private seenKey(): string {
    return `sns.alarms.seen.${session.user()?.id ?? 'anonymous'}`;
  }

  private lastSeen(): number {
    return Number(localStorage.getItem(this.seenKey()) ?? 0) || 0;
  }

  private setState(state: StreamState): void {
    if (this.state === state) return;
    this.state = state;
    this.emitChange();
  }

  private emitChange(): void {
    this.changeListeners.forEach((l) => l());
  }
}

export const liveAlarms = new LiveAlarms();
