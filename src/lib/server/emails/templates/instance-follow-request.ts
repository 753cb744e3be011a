import { renderMail, type MailLocale } from '../layout.ts';

interface Copy {
  subject: (domain: string, instance: string) => string;
  body: (domain: string, address: string) => string[];
  action: string;
}

const copy: Record<MailLocale, Copy> = {
  en: {
    subject: (d, i) => `${d} asks to follow ${i}`,
    body: (d, a) => [
      `The instance ${d} (${a}) asks to follow yours. If you accept, the public events published here will be shared with it.`,
      'Nothing is shared until an administrator accepts. You may also refuse the request.'
    ],
    action: 'Review the request'
  },
  fr: {
    subject: (d, i) => `${d} demande à suivre ${i}`,
    body: (d, a) => [
      `L’instance ${d} (${a}) demande à suivre la vôtre. Si vous acceptez, les événements publics publiés ici seront partagés avec elle.`,
      'Rien n’est partagé tant qu’un administrateur ou une administratrice n’a pas accepté. Vous pouvez aussi refuser la demande.'
    ],
    action: 'Examiner la demande'
  },
  ar: {
    subject: (d, i) => `يطلب ${d} متابعة ${i}`,
    body: (d, a) => [
      `يطلب المثيل ${d} (${a}) متابعة مثيلك. إن قبلت، ستُشارك معه الفعاليات العامة المنشورة هنا.`,
      'لا يُشارك أي شيء قبل أن يقبل أحد المدراء. يمكنك أيضًا رفض الطلب.'
    ],
    action: 'مراجعة الطلب'
  }
};

/** To administrators: another instance asks to follow this one's relay. */
export function instanceFollowRequestMail(
  locale: MailLocale,
  instanceName: string,
  follower: { domain: string; address: string },
  url: string
) {
  const c = copy[locale];
  return renderMail(locale, instanceName, {
    subject: c.subject(follower.domain, instanceName),
    paragraphs: c.body(follower.domain, follower.address),
    action: { label: c.action, url }
  });
}
