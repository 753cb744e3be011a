import { renderMail, type MailLocale } from '../layout.ts';

export interface ReportMailInput {
  /** The reported actor as people know it: its name and handle. */
  reported: string;
  /** A local report: who made it. */
  reporter: string | null;
  /** A received report: the server that sent it. */
  server: string | null;
  /** The reporter's message, plain text. */
  content: string | null;
  url: string;
}

const copy: Record<
  MailLocale,
  {
    subject: (instance: string) => string;
    local: (reporter: string, reported: string) => string;
    remote: (server: string, reported: string) => string;
    message: (content: string) => string;
    noMessage: string;
    next: string;
    action: string;
  }
> = {
  en: {
    subject: (i) => `New report on ${i}`,
    local: (r, p) => `${r} reported ${p}.`,
    remote: (s, p) => `The server ${s} sent a report about ${p}.`,
    message: (c) => `Their message: “${c}”`,
    noMessage: 'The report came without a message.',
    next: 'As a moderator of this instance, you can review it, write notes and close it.',
    action: 'Open the report'
  },
  fr: {
    subject: (i) => `Nouveau signalement sur ${i}`,
    local: (r, p) => `${r} a signalé ${p}.`,
    remote: (s, p) => `Le serveur ${s} a envoyé un signalement à propos de ${p}.`,
    message: (c) => `Son message : « ${c} »`,
    noMessage: 'Le signalement est arrivé sans message.',
    next: 'En tant que modérateur·ice de cette instance, vous pouvez l’examiner, y ajouter des notes et le clore.',
    action: 'Ouvrir le signalement'
  },
  ar: {
    subject: (i) => `بلاغ جديد على ${i}`,
    local: (r, p) => `أبلغ ${r} عن ${p}.`,
    remote: (s, p) => `أرسل الخادم ${s} بلاغًا بشأن ${p}.`,
    message: (c) => `رسالته: «${c}»`,
    noMessage: 'وصل البلاغ دون رسالة.',
    next: 'بصفتك مشرفًا على هذا المثيل، يمكنك مراجعته وكتابة ملاحظات وإغلاقه.',
    action: 'فتح البلاغ'
  }
};

/** Tells a moderator or administrator that a report arrived, in their language. */
export function reportCreatedMail(locale: MailLocale, instanceName: string, input: ReportMailInput) {
  const c = copy[locale];
  const who = input.server ? c.remote(input.server, input.reported) : c.local(input.reporter ?? '?', input.reported);
  return renderMail(locale, instanceName, {
    subject: c.subject(instanceName),
    paragraphs: [who, input.content ? c.message(input.content) : c.noMessage, c.next],
    action: { label: c.action, url: input.url }
  });
}
