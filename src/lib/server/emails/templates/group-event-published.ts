import type { MailLocale } from '../layout.ts';
import { eventMail, type EventMailContext } from './participation-context.ts';

const copy: Record<
  MailLocale,
  {
    subject: (group: string, event: string) => string;
    intro: (group: string) => string;
    why: (group: string) => string;
  }
> = {
  en: {
    subject: (g, e) => `${g} published a new event: ${e}`,
    intro: (g) => `${g}, a group you follow, has just published a new event.`,
    why: (g) =>
      `You receive this mail because you follow ${g} and asked to hear of its new events. Turn this off from the group's page, or in your notification settings.`
  },
  fr: {
    subject: (g, e) => `${g} a publié un nouvel événement : ${e}`,
    intro: (g) => `${g}, un groupe que vous suivez, vient de publier un nouvel événement.`,
    why: (g) =>
      `Vous recevez ce message car vous suivez ${g} et avez demandé à être prévenu·e de ses nouveaux événements. Désactivez-le depuis la page du groupe ou dans vos paramètres de notification.`
  },
  ar: {
    subject: (g, e) => `نشرت ${g} فعالية جديدة: ${e}`,
    intro: (g) => `نشرت ${g}، وهي مجموعة تتابعها، فعالية جديدة للتو.`,
    why: (g) =>
      `وصلتك هذه الرسالة لأنك تتابع ${g} وطلبت إعلامك بفعالياتها الجديدة. يمكنك إيقاف ذلك من صفحة المجموعة أو من إعدادات الإشعارات.`
  }
};

/** A followed group's new public event, told to one follower in their language. */
export function groupEventPublishedMail(ctx: EventMailContext, groupName: string) {
  const c = copy[ctx.locale];
  return eventMail(ctx, {
    subject: c.subject(groupName, ctx.title),
    paragraphs: [c.intro(groupName), c.why(groupName)]
  });
}
