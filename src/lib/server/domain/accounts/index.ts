export { AccountsService, type Session } from './accounts.service.ts';
export { AccessTokens } from './tokens.ts';
export { UsersQueries, type UserListFilter } from './users.queries.ts';
