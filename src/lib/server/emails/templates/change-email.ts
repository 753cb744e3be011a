import { renderMail, type MailLocale } from '../layout.ts';

const confirmCopy: Record<MailLocale, { subject: (i: string) => string; body: string[]; action: string }> = {
  en: {
    subject: (i) => `Confirm your new email address on ${i}`,
    body: [
      'Your account asked to use this address from now on. The link works for 48 hours, once.',
      'If it was not you, ignore this message: nothing changes.'
    ],
    action: 'Confirm this address'
  },
  fr: {
    subject: (i) => `Confirmez votre nouvelle adresse e-mail sur ${i}`,
    body: [
      'Votre compte a demandé à utiliser cette adresse désormais. Le lien est valable 48 heures, une seule fois.',
      "Si ce n'était pas vous, ignorez ce message : rien ne change."
    ],
    action: 'Confirmer cette adresse'
  },
  ar: {
    subject: (i) => `أكّد عنوان بريدك الإلكتروني الجديد على ${i}`,
    body: [
      'طلب حسابك استخدام هذا العنوان من الآن فصاعدًا. يبقى الرابط صالحًا لمدة 48 ساعة ولمرة واحدة.',
      'إن لم تكن أنت، فتجاهل هذه الرسالة: لن يتغير شيء.'
    ],
    action: 'تأكيد هذا العنوان'
  }
};

const noticeCopy: Record<
  MailLocale,
  { subject: (i: string) => string; body: (to: string) => string[]; action: string }
> = {
  en: {
    subject: (i) => `Your email address on ${i} is changing`,
    body: (to) => [
      `Someone signed in to your account asked to use ${to} instead of this address. The change happens once the new address is confirmed.`,
      'If it was not you, change your password now.'
    ],
    action: 'Account settings'
  },
  fr: {
    subject: (i) => `Votre adresse e-mail sur ${i} va changer`,
    body: (to) => [
      `Une personne connectée à votre compte a demandé à utiliser ${to} à la place de cette adresse. Le changement aura lieu une fois la nouvelle adresse confirmée.`,
      "Si ce n'était pas vous, changez votre mot de passe dès maintenant."
    ],
    action: 'Paramètres du compte'
  },
  ar: {
    subject: (i) => `عنوان بريدك الإلكتروني على ${i} سيتغير`,
    body: (to) => [
      `طلب شخص مسجّل الدخول إلى حسابك استخدام ${to} بدلًا من هذا العنوان. يتم التغيير بعد تأكيد العنوان الجديد.`,
      'إن لم تكن أنت، فغيّر كلمة مرورك الآن.'
    ],
    action: 'إعدادات الحساب'
  }
};

export function confirmNewEmailMail(locale: MailLocale, instanceName: string, url: string) {
  const c = confirmCopy[locale];
  return renderMail(locale, instanceName, {
    subject: c.subject(instanceName),
    paragraphs: c.body,
    action: { label: c.action, url }
  });
}

export function emailChangeNoticeMail(locale: MailLocale, instanceName: string, newEmail: string, url: string) {
  const c = noticeCopy[locale];
  return renderMail(locale, instanceName, {
    subject: c.subject(instanceName),
    paragraphs: c.body(newEmail),
    action: { label: c.action, url }
  });
}
