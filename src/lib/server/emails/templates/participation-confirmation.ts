import type { MailLocale } from '../layout.ts';
import { eventMail, type EventMailContext } from './participation-context.ts';

const copy: Record<MailLocale, { subject: (t: string) => string; body: string[]; action: string }> = {
  en: {
    subject: (t) => `Confirm your participation in “${t}”`,
    body: [
      'You asked to take part in this event with this email address.',
      'Confirm it with the button below: until then, your participation does not count.',
      'If you did not ask for it, ignore this message.'
    ],
    action: 'Confirm my participation'
  },
  fr: {
    subject: (t) => `Confirmez votre participation à « ${t} »`,
    body: [
      'Vous avez demandé à participer à cet événement avec cette adresse électronique.',
      'Confirmez-le avec le bouton ci-dessous : d’ici là, votre participation n’est pas prise en compte.',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.'
    ],
    action: 'Confirmer ma participation'
  },
  ar: {
    subject: (t) => `أكّد مشاركتك في «${t}»`,
    body: [
      'طلبتَ المشاركة في هذه الفعالية بعنوان البريد الإلكتروني هذا.',
      'أكّد ذلك بالزر أدناه: لن تُحتسب مشاركتك قبل التأكيد.',
      'إن لم تطلب ذلك، فتجاهل هذه الرسالة.'
    ],
    action: 'تأكيد مشاركتي'
  }
};

/** To an anonymous participant: the link that confirms their email address. */
export function participationConfirmationMail(ctx: EventMailContext, confirmUrl: string) {
  const c = copy[ctx.locale];
  return eventMail(ctx, {
    subject: c.subject(ctx.title),
    paragraphs: c.body,
    action: { label: c.action, url: confirmUrl }
  });
}
