export { SettingsService } from './settings.service.ts';
export { ActivitySettingsService, ACTIVITY_KEYS, ACTIVITY_METHODS } from './activity-settings.ts';
