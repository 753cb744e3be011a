import { renderMail, type MailLocale } from '../layout.ts';

const copy: Record<MailLocale, { subject: (i: string) => string; body: string[]; action: string }> = {
  en: {
    subject: (i) => `Reset your password on ${i}`,
    body: [
      'Someone asked to reset the password of your account. The link works for 2 hours, once.',
      'If it was not you, ignore this message: your password stays as it is.'
    ],
    action: 'Choose a new password'
  },
  fr: {
    subject: (i) => `Réinitialisez votre mot de passe sur ${i}`,
    body: [
      'Quelqu’un a demandé à réinitialiser le mot de passe de votre compte. Le lien est valable 2 heures, une seule fois.',
      "Si ce n'était pas vous, ignorez ce message : votre mot de passe ne change pas."
    ],
    action: 'Choisir un nouveau mot de passe'
  },
  ar: {
    subject: (i) => `أعد تعيين كلمة المرور على ${i}`,
    body: [
      'طلب أحدهم إعادة تعيين كلمة مرور حسابك. يبقى الرابط صالحًا لمدة ساعتين ولمرة واحدة.',
      'إن لم تكن أنت، فتجاهل هذه الرسالة: لن تتغير كلمة مرورك.'
    ],
    action: 'اختيار كلمة مرور جديدة'
  }
};

export function resetPasswordMail(locale: MailLocale, instanceName: string, url: string) {
  const c = copy[locale];
  return renderMail(locale, instanceName, {
    subject: c.subject(instanceName),
    paragraphs: c.body,
    action: { label: c.action, url }
  });
}
