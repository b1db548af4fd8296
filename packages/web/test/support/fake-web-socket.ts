/*
 * A stand-in for the browser's WebSocket in unit tests, which may open no socket: the test plays
 * the server, opening, messaging and dropping each connection the page makes. A real socket to a
 * real server is exercised by the e2e journeys (e2e/live-session.test.ts).
 */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  /** Every socket the page created, oldest first. */
  static made: FakeWebSocket[] = [];

  readyState = FakeWebSocket.CONNECTING;
  closedByPage = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.made.push(this);
  }

  static reset() {
    FakeWebSocket.made = [];
  }

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.made.at(-1);
    if (!socket) throw new Error('The page has opened no WebSocket.');
    return socket;
  }

  /** The `since` the page asked to be replayed from. */
  get since(): number {
    return Number(new URL(this.url).searchParams.get('since'));
  }

  /** The server accepts the connection. */
  open() {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.(new Event('open'));
  }

  /** The page receives a message from the server. */
  receive(message: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  /** The connection drops (the server restarted, the network went away). */
  drop() {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }

  /** The page closes the socket; the tests only need to know it did, so no close event follows. */
  close() {
    this.closedByPage = true;
    this.readyState = FakeWebSocket.CLOSED;
  }
}
