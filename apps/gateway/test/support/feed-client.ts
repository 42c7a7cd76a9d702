import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Closed {
  code: number;
  reason: string;
}

/** What one subscription received: results, errors, and whether it completed. */
export interface Received<T> {
  items: T[];
  errors: unknown[];
  completed: boolean;
  dispose(): void;
}

/**
 * A graphql-ws client as the portal would use it (ws as the WebSocket), with
 * no retries so a refused connection shows its close code.
 */
export class FeedClient {
  readonly closed: Promise<Closed>;
  readonly connected: Promise<void>;
  private socket?: WebSocket;
  private readonly client: Client;

  constructor(url: string, connectionParams?: Record<string, unknown>) {
    let onClosed!: (closed: Closed) => void;
    let onConnected!: () => void;
    this.closed = new Promise((resolve) => (onClosed = resolve));
    this.connected = new Promise((resolve) => (onConnected = resolve));
    const self = this;
    class TrackedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        self.socket = this;
      }
    }
    this.client = createClient({
      url,
      webSocketImpl: TrackedWebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams,
      onNonLazyError: () => undefined,
      on: {
        connected: () => onConnected(),
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          onClosed({ code, reason: String(reason) });
        },
      },
    });
  }

  static withToken(url: string, token: string): FeedClient {
    return new FeedClient(url, { authorization: `Bearer ${token}` });
  }

  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Received<T> {
    const received: Received<T> = { items: [], errors: [], completed: false, dispose: () => undefined };
    received.dispose = this.client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) received.errors.push(...result.errors);
          if (result.data) received.items.push(...Object.values(result.data));
        },
        // graphql-ws hands GraphQL errors over as an array, socket problems as one value.
        error: (error) => void (Array.isArray(error) ? received.errors.push(...(error as unknown[])) : received.errors.push(error)),
        complete: () => void (received.completed = true),
      },
    );
    return received;
  }

  /** The client's TCP port, to find its socket on the server's side. */
  get localPort(): number | undefined {
    // ws keeps its net.Socket private; reading it is the only way to the port.
    return (this.socket as unknown as { _socket?: { localPort?: number } } | undefined)?._socket?.localPort;
  }

  /** The raw socket, for sending what a well-behaved client would not. */
  get rawSocket(): WebSocket {
    if (!this.socket) throw new Error('not connected');
    return this.socket;
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
    this.socket?.terminate();
  }
}
