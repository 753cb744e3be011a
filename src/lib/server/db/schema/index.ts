export * from './accounts.ts';
export * from './actors.ts';
export * from './events.ts';
export * from './platform.ts';
export * from './settings.ts';
export * from './media.ts';
export * from './participants.ts';
