export { FeedTokensService } from './feeds.service.ts';
export { FeedTokensQueries, type FeedOwner } from './feeds.queries.ts';
export { FEED_TOKEN_LENGTH, looksLikeFeedToken, newFeedToken } from './feed-token.ts';
