import { createClient, type Client } from 'graphql-ws';

export interface FeedItem {
  eventId: string;
  kind: 'APPLICATION_SUBMITTED' | 'QUOTA_ALERT_RAISED' | 'REPORT_OVERDUE' | 'TRAINEE_PLACED';
  occurredAt: string;
  enterpriseId: string;
  name?: string;
  thresholdPercent?: number;
  month?: string;
  role?: string;
}

const FEED = `subscription Feed { parkFeed { eventId kind occurredAt enterpriseId
  ... on ApplicationSubmittedEvent { name }
  ... on QuotaAlertEvent { thresholdPercent month }
  ... on ReportOverdueEvent { month }
  ... on TraineePlacedEvent { role } } }`;

/**
 * The gateway's live feed (graphql-ws on /graphql), reconnecting on its own.
 * Returns a function that closes it.
 */
export function watchParkFeed(token: string, onItem: (item: FeedItem) => void, onState: (connected: boolean) => void): () => void {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const client: Client = createClient({
    url,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: Infinity,
    // 4401/4403 are the gateway saying no: retrying would not change its mind.
    shouldRetry: (event) => !(event && typeof event === 'object' && 'code' in event && (event.code === 4401 || event.code === 4403)),
    on: { connected: () => onState(true), closed: () => onState(false) },
  });
  const stop = client.subscribe<{ parkFeed: FeedItem }>({ query: FEED }, {
    next: (result) => {
      if (result.data?.parkFeed) onItem(result.data.parkFeed);
    },
    error: () => onState(false),
    complete: () => onState(false),
  });
  return () => {
    stop();
    void client.dispose();
  };
}
