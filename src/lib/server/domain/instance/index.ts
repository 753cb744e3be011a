export { InstanceService, SOFTWARE_NAME, SOFTWARE_VERSION, SOFTWARE_REPOSITORY } from './instance.service.ts';
export { loadOrCreateSecret } from './secrets.ts';
export {
  InstanceSettings,
  REGISTRATION_MODES,
  type RegistrationMode,
  type AdminSettings
} from './instance-settings.ts';
