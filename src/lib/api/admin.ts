import { graphql } from './client.ts';

export const REGISTRATION_MODES = ['open', 'allowlist', 'closed'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export const isRegistrationMode = (value: string): value is RegistrationMode =>
  (REGISTRATION_MODES as readonly string[]).includes(value);

export interface AdminSettings {
  instanceName: string | null;
  registrationsMode: string | null;
}

export const ADMIN_SETTINGS = graphql<{ adminSettings: AdminSettings }>(`
  query AdminRegistrationSettings {
    adminSettings {
      instanceName
      registrationsMode
    }
  }
`);

export const SAVE_REGISTRATION_MODE = graphql<
  { saveAdminSettings: AdminSettings | null },
  { registrationsMode: RegistrationMode }
>(`
  mutation SaveRegistrationMode($registrationsMode: String) {
    saveAdminSettings(registrationsMode: $registrationsMode) {
      instanceName
      registrationsMode
    }
  }
`);
