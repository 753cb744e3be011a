/** Messages of one area of the product, in every language; en.ts, fr.ts and ar.ts spread them. */
const en = {
  'anonymous.join.title': 'Take part without an account',
  'anonymous.join.intro': 'Give your email address: we send you a link to confirm your participation.',
  'anonymous.join.email': 'Your email address',
  'anonymous.join.emailHint': 'Only used for this event’s messages. Neither the organizers nor anyone else see it.',
  'anonymous.join.message': 'A message to the organizers',
  'anonymous.join.messageHint': 'Optional.',
  'anonymous.join.consent': 'I agree that this instance keeps my email address to tell me about this event.',
  'anonymous.join.submit': 'Take part',
  'anonymous.join.ask': 'Ask to take part',
  'anonymous.join.sent.title': 'Check your email',
  'anonymous.join.sent.body':
    'We sent you a link to confirm your participation. It only counts once confirmed. Every mail about this event carries a link to cancel it.',
  'anonymous.join.back': 'Back to the event',
  'anonymous.error.email': 'Enter a valid email address.',
  'anonymous.error.consent': 'Tick the box to agree that we keep your email address.',
  'anonymous.error.already': 'This email address already takes part in this event.',
  'anonymous.error.closed': 'This event does not take participations without an account.',
  'anonymous.error.full': 'This event is full: nobody else can take part.',
  'anonymous.error.unknown': 'That did not work. Please try again in a moment.',
  'anonymous.confirm.title': 'Confirm your participation',
  'anonymous.confirm.body': 'Press the button to confirm your participation.',
  'anonymous.confirm.submit': 'Confirm my participation',
  'anonymous.confirm.done': 'Your participation in {title} is confirmed.',
  'anonymous.confirm.pending':
    'Your email address is confirmed. The organizers of {title} will now review your request.',
  'anonymous.confirm.invalid': 'This link is not valid: it was already used, or the participation was cancelled.',
  'anonymous.cancel.title': 'Cancel your participation',
  'anonymous.cancel.body': 'Press the button to cancel your participation in {title}.',
  'anonymous.cancel.submit': 'Cancel my participation',
  'anonymous.cancel.done': 'Your participation is cancelled. Your email address was removed from this event.',
  'anonymous.cancel.invalid': 'This link is not valid: the participation may already be cancelled.',
  'anonymous.someone': 'Participant without an account'
} as const;

type Catalog = Record<keyof typeof en, string>;

export const anonymousMessages: { en: typeof en; fr: Catalog; ar: Catalog } = {
  en,
  fr: {
    'anonymous.join.title': 'Participer sans compte',
    'anonymous.join.intro':
      'Indiquez votre adresse électronique : nous vous envoyons un lien pour confirmer votre participation.',
    'anonymous.join.email': 'Votre adresse électronique',
    'anonymous.join.emailHint':
      'Utilisée uniquement pour les messages de cet événement. Ni les organisateurs ni personne d’autre ne la voient.',
    'anonymous.join.message': 'Un message aux organisateurs',
    'anonymous.join.messageHint': 'Facultatif.',
    'anonymous.join.consent':
      'J’accepte que cette instance conserve mon adresse électronique pour me tenir informé·e de cet événement.',
    'anonymous.join.submit': 'Participer',
    'anonymous.join.ask': 'Demander à participer',
    'anonymous.join.sent.title': 'Consultez votre messagerie',
    'anonymous.join.sent.body':
      'Nous vous avons envoyé un lien pour confirmer votre participation. Elle ne compte qu’une fois confirmée. Chaque message sur cet événement contient un lien pour l’annuler.',
    'anonymous.join.back': 'Retour à l’événement',
    'anonymous.error.email': 'Saisissez une adresse électronique valide.',
    'anonymous.error.consent': 'Cochez la case pour accepter que nous conservions votre adresse.',
    'anonymous.error.already': 'Cette adresse électronique participe déjà à cet événement.',
    'anonymous.error.closed': 'Cet événement n’accepte pas de participation sans compte.',
    'anonymous.error.full': 'Cet événement est complet : plus personne ne peut y participer.',
    'anonymous.error.unknown': 'Cela n’a pas fonctionné. Réessayez dans un instant.',
    'anonymous.confirm.title': 'Confirmez votre participation',
    'anonymous.confirm.body': 'Appuyez sur le bouton pour confirmer votre participation.',
    'anonymous.confirm.submit': 'Confirmer ma participation',
    'anonymous.confirm.done': 'Votre participation à {title} est confirmée.',
    'anonymous.confirm.pending':
      'Votre adresse est confirmée. Les organisateurs de {title} vont maintenant examiner votre demande.',
    'anonymous.confirm.invalid': 'Ce lien n’est pas valide : il a déjà servi, ou la participation a été annulée.',
    'anonymous.cancel.title': 'Annuler votre participation',
    'anonymous.cancel.body': 'Appuyez sur le bouton pour annuler votre participation à {title}.',
    'anonymous.cancel.submit': 'Annuler ma participation',
    'anonymous.cancel.done': 'Votre participation est annulée. Votre adresse a été retirée de cet événement.',
    'anonymous.cancel.invalid': 'Ce lien n’est pas valide : la participation est peut-être déjà annulée.',
    'anonymous.someone': 'Participant·e sans compte'
  },
  ar: {
    'anonymous.join.title': 'شارك دون حساب',
    'anonymous.join.intro': 'أدخل عنوان بريدك الإلكتروني: سنرسل إليك رابطًا لتأكيد مشاركتك.',
    'anonymous.join.email': 'عنوان بريدك الإلكتروني',
    'anonymous.join.emailHint': 'لا يُستخدم إلا لرسائل هذه الفعالية. لا يراه المنظّمون ولا أي أحد آخر.',
    'anonymous.join.message': 'رسالة إلى المنظّمين',
    'anonymous.join.messageHint': 'اختياري.',
    'anonymous.join.consent': 'أوافق على أن يحتفظ هذا الخادم بعنوان بريدي الإلكتروني لإعلامي بشأن هذه الفعالية.',
    'anonymous.join.submit': 'شارك',
    'anonymous.join.ask': 'اطلب المشاركة',
    'anonymous.join.sent.title': 'تفقّد بريدك الإلكتروني',
    'anonymous.join.sent.body':
      'أرسلنا إليك رابطًا لتأكيد مشاركتك. لا تُحتسب المشاركة إلا بعد تأكيدها. تحمل كل رسالة عن هذه الفعالية رابطًا لإلغائها.',
    'anonymous.join.back': 'العودة إلى الفعالية',
    'anonymous.error.email': 'أدخل عنوان بريد إلكتروني صالحًا.',
    'anonymous.error.consent': 'ضع علامة في المربع لتوافق على احتفاظنا بعنوان بريدك.',
    'anonymous.error.already': 'هذا العنوان مشارك بالفعل في هذه الفعالية.',
    'anonymous.error.closed': 'لا تقبل هذه الفعالية المشاركة دون حساب.',
    'anonymous.error.full': 'اكتمل عدد المشاركين في هذه الفعالية: لا يمكن لأحد آخر المشاركة.',
    'anonymous.error.unknown': 'لم ينجح ذلك. حاول مجددًا بعد قليل.',
    'anonymous.confirm.title': 'أكّد مشاركتك',
    'anonymous.confirm.body': 'اضغط على الزر لتأكيد مشاركتك.',
    'anonymous.confirm.submit': 'تأكيد مشاركتي',
    'anonymous.confirm.done': 'تأكّدت مشاركتك في {title}.',
    'anonymous.confirm.pending': 'تأكّد عنوان بريدك. سيراجع منظّمو {title} طلبك الآن.',
    'anonymous.confirm.invalid': 'هذا الرابط غير صالح: سبق استخدامه، أو أُلغيت المشاركة.',
    'anonymous.cancel.title': 'إلغاء مشاركتك',
    'anonymous.cancel.body': 'اضغط على الزر لإلغاء مشاركتك في {title}.',
    'anonymous.cancel.submit': 'إلغاء مشاركتي',
    'anonymous.cancel.done': 'أُلغيت مشاركتك. حُذف عنوان بريدك من هذه الفعالية.',
    'anonymous.cancel.invalid': 'هذا الرابط غير صالح: ربما أُلغيت المشاركة من قبل.',
    'anonymous.someone': 'مشارك دون حساب'
  }
};
