import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { CloseCode, handleProtocols, makeServer, type Context, type Server as GraphQLWsServer } from 'graphql-ws';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { Identity } from '@valley/platform';
import { feedScopeOf, isVisibleTo, type FeedScope } from './feed-access.policy';
import type { FeedPubSub } from './feed-pubsub';
import type { FeedContext } from './feed-schema';

export interface FeedSocketLimits {
  /** Largest message a client may send (ws `maxPayload`); a larger one closes the socket with 1009. */
  maxPayloadBytes: number;
  maxSubscriptionsPerConnection: number;
  /** Events held for one subscription that its socket has not taken yet; beyond, the connection is closed. */
  maxQueuedEventsPerSubscription: number;
  /** Bytes ws may hold unsent for one socket; beyond, the connection is closed. */
  maxBufferedBytes: number;
  /** Protocol ping period; a peer that does not pong within one period is cut off. 0 turns it off. */
  keepAliveMs: number;
  connectionInitWaitTimeoutMs: number;
  /** How long stop() lets clients answer the close before cutting them off. */
  closeGraceMs: number;
}

export interface FeedSocketServerOptions {
  schema: GraphQLSchema;
  pubsub: FeedPubSub;
  authenticate(connectionParams: Record<string, unknown> | undefined): Promise<Identity>;
  logger: Logger;
  production: boolean;
  limits: FeedSocketLimits;
}

/** Close code for a subscriber that does not keep up (RFC 6455 "Try Again Later"): reconnecting is the remedy. */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;

interface Connection {
  id: string;
  socket: WebSocket;
  identity?: Identity;
  context?: FeedContext;
  close(code: number, reason: string): void;
}

type FeedWsContext = Context<Record<string, unknown>, Connection>;

/**
 * graphql-ws (the graphql-transport-ws protocol) over `ws`, wired by hand
 * rather than with graphql-ws/use/ws so that authentication close codes,
 * socket buffer limits and keep-alive are this class's to decide (and because
 * the repo's node10 module resolution cannot see that subpath's types).
 */
export class FeedSocketServer {
  private readonly wss: WebSocketServer;
  private readonly protocol: GraphQLWsServer<Connection>;
  private readonly upgradeListeners = new Map<HttpServer, (request: IncomingMessage, socket: Duplex, head: Buffer) => void>();
  private readonly validationRules;
  private closing = false;

  constructor(private readonly options: FeedSocketServerOptions) {
    this.validationRules = options.production ? [...specifiedRules, NoSchemaIntrospectionCustomRule] : specifiedRules;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.limits.maxPayloadBytes, handleProtocols: (protocols) => handleProtocols(protocols) });
    this.wss.on('connection', (socket: WebSocket) => this.opened(socket));
    this.protocol = makeServer<Record<string, unknown>, Connection>({
      schema: options.schema,
      connectionInitWaitTimeout: options.limits.connectionInitWaitTimeoutMs,
      onConnect: (ctx) => this.onConnect(ctx),
      onSubscribe: (ctx, _id, payload) => this.onSubscribe(ctx, payload),
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => this.format(error)),
    });
  }

  get connectionCount(): number {
    return this.wss.clients.size;
  }

  attach(server: HttpServer, path: string): void {
    if (this.upgradeListeners.has(server)) throw new Error('live feed: already attached to this HTTP server');
    const listener = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
      const pathname = new URL(request.url ?? '/', 'http://gateway').pathname;
      if (pathname !== path) {
        // Another upgrade listener may own this path; with none, answer rather than leave the socket hanging.
        if (server.listenerCount('upgrade') === 1) refuseUpgrade(socket, '404 Not Found');
        return;
      }
      if (this.closing) return refuseUpgrade(socket, '503 Service Unavailable');
      this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
    };
    server.on('upgrade', listener);
    this.upgradeListeners.set(server, listener);
  }

  /** Closes every socket (1001 Going away), cutting off those that do not answer in time, and detaches. */
  async close(): Promise<void> {
    this.closing = true;
    for (const [server, listener] of this.upgradeListeners) server.off('upgrade', listener);
    this.upgradeListeners.clear();
    const sockets = [...this.wss.clients];
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            const cutOff = setTimeout(() => socket.terminate(), this.options.limits.closeGraceMs);
            socket.once('close', () => {
              clearTimeout(cutOff);
              resolve();
            });
            socket.close(1001, 'Going away');
          }),
      ),
    );
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private opened(socket: WebSocket): void {
    const log = this.options.logger;
    const connection: Connection = {
      id: randomUUID(),
      socket,
      close: (code, reason) => {
        if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(code, reason);
      },
    };
    // No address or user agent: a client's IP is personal data, the connection id is enough to follow it.
    log.info({ connectionId: connection.id }, 'live feed: connection opened');
    // ws closes the socket itself on a protocol error (1009 for a message over maxPayload).
    socket.on('error', (err: Error & { code?: string }) => {
      log.warn({ connectionId: connection.id, error: err.code ?? err.message }, 'live feed: socket error');
      connection.close(CloseCode.InternalServerError, 'Socket error');
    });
    const stopKeepAlive = this.keepAlive(socket);
    const closed = this.protocol.opened(
      {
        protocol: socket.protocol,
        send: (data) => this.send(connection, data),
        close: (code, reason) => connection.close(code ?? 1000, reason ?? ''),
        onMessage: (handle) =>
          socket.on('message', async (data: Buffer) => {
            try {
              await handle(data.toString('utf8'));
            } catch (err) {
              log.error({ connectionId: connection.id, error: err instanceof Error ? err.message : String(err) }, 'live feed: message handling failed');
              connection.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      connection,
    );
    socket.once('close', (code: number, reason: Buffer) => {
      stopKeepAlive();
      log.info({ connectionId: connection.id, subject: connection.identity?.subject, code, reason: reason.toString('utf8') }, 'live feed: connection closed');
      closed(code, reason.toString('utf8')).catch((err: unknown) =>
        log.error({ connectionId: connection.id, error: err instanceof Error ? err.message : String(err) }, 'live feed: cleanup after close failed'),
      );
    });
  }

  /** Resolves when ws has handed the frame to the OS, so graphql-ws takes the next event only then. */
  private send(connection: Connection, data: string): Promise<void> {
    const { socket } = connection;
    if (socket.readyState !== WebSocket.OPEN) return Promise.resolve();
    if (socket.bufferedAmount > this.options.limits.maxBufferedBytes) {
      this.dropSlow(connection, `${socket.bufferedAmount} bytes unsent`);
      return Promise.resolve();
    }
    // A failed send means the socket is going away; its close handler cleans up.
    return new Promise((resolve) => socket.send(data, () => resolve()));
  }

  private async onConnect(ctx: FeedWsContext): Promise<boolean> {
    const connection = ctx.extra;
    const log = this.options.logger;
    let identity: Identity;
    try {
      identity = await this.options.authenticate(ctx.connectionParams);
    } catch (err) {
      // The error's code or name only: a message could quote the credentials.
      log.info({ connectionId: connection.id, reason: errorCode(err) }, 'live feed: credentials refused');
      connection.close(CloseCode.Unauthorized, 'Unauthorized');
      return false;
    }
    const scope = feedScopeOf(identity);
    if (!scope) {
      log.info({ connectionId: connection.id, subject: identity.subject, role: identity.role }, 'live feed: nothing this identity may watch');
      return false; // graphql-ws closes with 4403 Forbidden
    }
    connection.identity = identity;
    connection.context = this.contextFor(connection, scope);
    log.info({ connectionId: connection.id, subject: identity.subject, role: identity.role, enterpriseId: identity.enterpriseId }, 'live feed: connection accepted');
    return true;
  }

  private contextFor(connection: Connection, scope: FeedScope): FeedContext {
    const limit = this.options.limits.maxQueuedEventsPerSubscription;
    return {
      scope,
      subscribe: (kinds) =>
        this.options.pubsub.subscribe({
          kinds,
          visible: (event) => isVisibleTo(scope, event),
          maxQueued: limit,
          onOverflow: (queued) => this.dropSlow(connection, `${queued} events queued for one subscription`),
        }),
    };
  }

  private dropSlow(connection: Connection, reason: string): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    this.options.logger.warn({ connectionId: connection.id, subject: connection.identity?.subject, reason }, 'live feed: subscriber too slow, connection closed');
    connection.close(SLOW_CONSUMER_CLOSE_CODE, 'Subscriber too slow');
  }

  private onSubscribe(ctx: FeedWsContext, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }): ExecutionArgs | readonly GraphQLError[] {
    const context = ctx.extra.context;
    if (!context) return [coded('Unauthorized', 'UNAUTHENTICATED')];
    // The operation being subscribed is already reserved in ctx.subscriptions.
    const max = this.options.limits.maxSubscriptionsPerConnection;
    if (Object.keys(ctx.subscriptions).length > max) return [coded(`at most ${max} subscriptions per connection`, 'TOO_MANY_SUBSCRIPTIONS')];
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: 1_000 });
    } catch (err) {
      return [coded(err instanceof Error ? err.message : 'invalid query', 'GRAPHQL_PARSE_FAILED')];
    }
    const errors = validate(this.options.schema, document, this.validationRules);
    if (errors.length > 0) return errors.map((e) => coded(e.message, 'GRAPHQL_VALIDATION_FAILED', e));
    return { schema: this.options.schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: context };
  }

  /** In production, graphql-js's "Did you mean …?" hints would reveal the schema that introspection hides. */
  private format(error: GraphQLError): GraphQLFormattedError {
    const formatted = error.toJSON();
    return this.options.production ? { ...formatted, message: formatted.message.replace(/ Did you mean .*\?$/, '') } : formatted;
  }

  private keepAlive(socket: WebSocket): () => void {
    const period = this.options.limits.keepAliveMs;
    if (!(period > 0)) return () => undefined;
    let awaitingPong: NodeJS.Timeout | undefined;
    socket.on('pong', () => {
      clearTimeout(awaitingPong);
      awaitingPong = undefined;
    });
    const pinger = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN || awaitingPong) return;
      awaitingPong = setTimeout(() => socket.terminate(), period);
      awaitingPong.unref();
      socket.ping();
    }, period);
    pinger.unref();
    return () => {
      clearInterval(pinger);
      clearTimeout(awaitingPong);
    };
  }
}

function coded(message: string, code: string, source?: GraphQLError): GraphQLError {
  return new GraphQLError(message, { nodes: source?.nodes, source: source?.source, positions: source?.positions, extensions: { code } });
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.name : 'unknown';
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
