import { api, type Alarm, type UnreadCount } from './api';
import { session } from './session';

/**
 * Live alarms: one EventSource on /api/v1/users/alarm/subscribe. Event "alarm": the first message is
 * "connect completed", then one Alarm JSON per event. Event "unread" (ext): the user's unread count as the server
 * keeps it, sent after connecting, after new alarms and after alarms are marked read (in any tab or device); that
 * count is the badge.
 */

export type StreamState = 'off' | 'connecting' | 'live' | 'reconnecting';

type ChangeListener = () => void;
type AlarmListener = (alarm: Alarm) => void;

const CONNECTED = 'connect completed';
const MAX_BACKOFF_MS = 30_000;
const BADGE_MAX = 99;

class LiveAlarms {
  state: StreamState = 'off';
  private source: EventSource | null = null;
  private unread = 0;
  private retryTimer: number | undefined;
  private backoff = 1000;
  private changeListeners = new Set<ChangeListener>();
  private alarmListeners = new Set<AlarmListener>();

  /** Text of the badge: empty when nothing is unread, "99+" beyond 99. */
  get badge(): string {
    return this.unread === 0 ? '' : this.unread > BADGE_MAX ? `${BADGE_MAX}+` : String(this.unread);
  }

  get unreadCount(): number {
    return this.unread;
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
        return;
      }
      try {
        this.receive(JSON.parse(data) as Alarm);
      } catch {
        // not an alarm: ignore
      }
    });
    source.addEventListener('unread', (event) => {
      try {
        this.setUnread(JSON.parse((event as MessageEvent<string>).data) as UnreadCount);
      } catch {
        // not a count: ignore
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
    this.unread = 0;
    this.setState('off');
  }

  /**
   * Marks the user's alarms read, those up to {@code upToId} or all. The answer sets the badge at once; the stream
   * confirms it to every tab of the user.
   */
  async markRead(upToId?: number): Promise<void> {
    this.setUnread(await api.markAlarmsRead(upToId));
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

  private receive(alarm: Alarm): void {
    if (typeof alarm?.id !== 'number') return;
    this.alarmListeners.forEach((l) => l(alarm));
  }

  private setUnread(unread: UnreadCount): void {
    if (typeof unread?.count !== 'number' || unread.count === this.unread) return;
    this.unread = unread.count;
    this.emitChange();
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
