export { LiveFeed, DEFAULT_LIVE_FEED_LIMITS, LIVE_FEED_TOPICS, type LiveFeedOptions } from './live-feed';
export type { FeedSocketLimits } from './feed-socket-server';
export { SLOW_CONSUMER_CLOSE_CODE } from './feed-socket-server';
export { createFeedSchema } from './feed-schema';
