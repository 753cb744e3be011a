import type { ParticipantRole } from '../../db/schema/participants.ts';

export type ExportLocale = 'en' | 'fr' | 'ar';

export const exportLocale = (locale: string | null | undefined): ExportLocale =>
  locale === 'fr' || locale === 'ar' ? locale : 'en';

export interface ExportLabels {
  title: (eventTitle: string) => string;
  name: string;
  handle: string;
  role: string;
  joinedAt: string;
  message: string;
  anonymous: string;
  empty: string;
  roles: Record<ParticipantRole, string>;
}

/** The file's words, in the language of the organizer who asked for it. */
export const exportLabels: Record<ExportLocale, ExportLabels> = {
  en: {
    title: (t) => `Participants — ${t}`,
    name: 'Participant',
    handle: 'Handle',
    role: 'Role',
    joinedAt: 'Joined at',
    message: 'Message',
    anonymous: 'Anonymous participant',
    empty: 'No participants',
    roles: {
      creator: 'Creator',
      administrator: 'Administrator',
      moderator: 'Moderator',
      participant: 'Participant',
      not_approved: 'Awaiting approval',
      not_confirmed: 'Not confirmed',
      rejected: 'Rejected'
    }
  },
  fr: {
    title: (t) => `Participant·es — ${t}`,
    name: 'Participant·e',
    handle: 'Identifiant',
    role: 'Rôle',
    joinedAt: 'Inscription',
    message: 'Message',
    anonymous: 'Participant·e anonyme',
    empty: 'Aucun·e participant·e',
    roles: {
      creator: 'Créateur·ice',
      administrator: 'Administrateur·ice',
      moderator: 'Modérateur·ice',
      participant: 'Participant·e',
      not_approved: 'En attente de validation',
      not_confirmed: 'Non confirmé·e',
      rejected: 'Refusé·e'
    }
  },
  ar: {
    title: (t) => `المشاركون — ${t}`,
    name: 'المشارك',
    handle: 'المعرّف',
    role: 'الدور',
    joinedAt: 'تاريخ الانضمام',
    message: 'الرسالة',
    anonymous: 'مشارك مجهول',
    empty: 'لا مشاركين',
    roles: {
      creator: 'المنشئ',
      administrator: 'مدير',
      moderator: 'مشرف',
      participant: 'مشارك',
      not_approved: 'بانتظار الموافقة',
      not_confirmed: 'غير مؤكَّد',
      rejected: 'مرفوض'
    }
  }
};
