import { renderMail, type MailLocale } from '../layout.ts';

const copy: Record<MailLocale, { subject: (i: string) => string; body: (i: string) => string[]; action: string }> = {
  en: {
    subject: (i) => `Confirm your account on ${i}`,
    body: (i) => [
      `Welcome to ${i}!`,
      'To finish creating your account, confirm your email address. The link works for 48 hours.',
      'If you did not ask for an account, ignore this message.'
    ],
    action: 'Confirm my account'
  },
  fr: {
    subject: (i) => `Confirmez votre compte sur ${i}`,
    body: (i) => [
      `Bienvenue sur ${i} !`,
      'Pour terminer la création de votre compte, confirmez votre adresse électronique. Le lien est valable 48 heures.',
      "Si vous n'avez pas demandé de compte, ignorez ce message."
    ],
    action: 'Confirmer mon compte'
  },
  ar: {
    subject: (i) => `أكّد حسابك على ${i}`,
    body: (i) => [
      `مرحبًا بك في ${i}!`,
      'لإتمام إنشاء حسابك، أكّد عنوان بريدك الإلكتروني. يبقى الرابط صالحًا لمدة 48 ساعة.',
      'إن لم تطلب إنشاء حساب، فتجاهل هذه الرسالة.'
    ],
    action: 'تأكيد حسابي'
  }
};

export function confirmRegistrationMail(locale: MailLocale, instanceName: string, url: string) {
  const c = copy[locale];
  return renderMail(locale, instanceName, {
    subject: c.subject(instanceName),
    paragraphs: c.body(instanceName),
    action: { label: c.action, url }
  });
}
