export { AccountsService, type Session } from './accounts.service.ts';
export { AccessTokens } from './tokens.ts';
