export { SettingsService } from './settings.service.ts';
