import type { MailLocale } from '../layout.ts';
import { eventMail, type EventMailContext } from './participation-context.ts';

export type ParticipationStatusKind = 'confirmed' | 'approved' | 'rejected';

const copy: Record<MailLocale, Record<ParticipationStatusKind, { subject: (t: string) => string; body: string }>> = {
  en: {
    confirmed: {
      subject: (t) => `Your participation in “${t}” is confirmed`,
      body: 'You take part in this event. See you there!'
    },
    approved: {
      subject: (t) => `Your participation in “${t}” was approved`,
      body: 'The organizer approved your participation: you take part in this event.'
    },
    rejected: {
      subject: (t) => `Your participation in “${t}” was declined`,
      body: 'The organizer declined your participation in this event.'
    }
  },
  fr: {
    confirmed: {
      subject: (t) => `Votre participation à « ${t} » est confirmée`,
      body: 'Vous participez à cet événement. À bientôt !'
    },
    approved: {
      subject: (t) => `Votre participation à « ${t} » a été acceptée`,
      body: 'L’organisateur ou l’organisatrice a accepté votre participation : vous participez à cet événement.'
    },
    rejected: {
      subject: (t) => `Votre participation à « ${t} » a été refusée`,
      body: 'L’organisateur ou l’organisatrice a refusé votre participation à cet événement.'
    }
  },
  ar: {
    confirmed: { subject: (t) => `تأكّدت مشاركتك في «${t}»`, body: 'أنت مشارك في هذه الفعالية. نراك هناك!' },
    approved: {
      subject: (t) => `قُبلت مشاركتك في «${t}»`,
      body: 'وافق المنظّم على مشاركتك: أنت مشارك في هذه الفعالية.'
    },
    rejected: { subject: (t) => `رُفضت مشاركتك في «${t}»`, body: 'رفض المنظّم مشاركتك في هذه الفعالية.' }
  }
};

/** A participation's new state, told to the participant. */
export function participationStatusMail(ctx: EventMailContext, kind: ParticipationStatusKind) {
  const c = copy[ctx.locale][kind];
  // Anonymous participants keep the cancel link even when declined: leaving removes their address.
  return eventMail(ctx, {
    subject: c.subject(ctx.title),
    paragraphs: [c.body]
  });
}
