/** Messages of a group's events (its events page, organizing as a group), in every language. */
const en = {
  'groupEvents.title': 'Events of {group}',
  'groupEvents.upcoming': 'Upcoming events',
  'groupEvents.past': 'Past events',
  'groupEvents.showPast': 'See past events',
  'groupEvents.showUpcoming': 'See upcoming events',
  'groupEvents.emptyUpcoming': 'No upcoming event for now.',
  'groupEvents.emptyPast': 'No past event.',
  'groupEvents.count': 'Events: {count}',
  'groupEvents.draft': 'Draft',
  'groupEvents.private': 'Members only',
  'groupEvents.create': 'Create an event for this group',
  'groupEvents.back': 'Back to the group',
  'groupEvents.pages': 'Pages of events',
  'groupEvents.organizedBy': 'Organized by {group}',
  'groupEvents.by': 'by {name}',
  'eventForm.organizeAs': 'Organize as',
  'eventForm.organizeAsMyself': 'Myself only (no group)',
  'eventForm.organizeAsHint': 'A group’s events are managed by its moderators and administrators.',
  'eventForm.error.group': 'You cannot create events for this group.'
};

const fr: Record<keyof typeof en, string> = {
  'groupEvents.title': 'Événements de {group}',
  'groupEvents.upcoming': 'Événements à venir',
  'groupEvents.past': 'Événements passés',
  'groupEvents.showPast': 'Voir les événements passés',
  'groupEvents.showUpcoming': 'Voir les événements à venir',
  'groupEvents.emptyUpcoming': 'Aucun événement à venir pour l’instant.',
  'groupEvents.emptyPast': 'Aucun événement passé.',
  'groupEvents.count': 'Événements : {count}',
  'groupEvents.draft': 'Brouillon',
  'groupEvents.private': 'Réservé aux membres',
  'groupEvents.create': 'Créer un événement pour ce groupe',
  'groupEvents.back': 'Retour au groupe',
  'groupEvents.pages': 'Pages d’événements',
  'groupEvents.organizedBy': 'Organisé par {group}',
  'groupEvents.by': 'par {name}',
  'eventForm.organizeAs': 'Organiser en tant que',
  'eventForm.organizeAsMyself': 'Moi seul·e (sans groupe)',
  'eventForm.organizeAsHint': 'Les événements d’un groupe sont gérés par ses modérateur·ices et administrateur·ices.',
  'eventForm.error.group': 'Vous ne pouvez pas créer d’événements pour ce groupe.'
};

const ar: Record<keyof typeof en, string> = {
  'groupEvents.title': 'فعاليات {group}',
  'groupEvents.upcoming': 'الفعاليات القادمة',
  'groupEvents.past': 'الفعاليات السابقة',
  'groupEvents.showPast': 'عرض الفعاليات السابقة',
  'groupEvents.showUpcoming': 'عرض الفعاليات القادمة',
  'groupEvents.emptyUpcoming': 'لا توجد فعاليات قادمة حاليًا.',
  'groupEvents.emptyPast': 'لا توجد فعاليات سابقة.',
  'groupEvents.count': 'الفعاليات: {count}',
  'groupEvents.draft': 'مسودة',
  'groupEvents.private': 'للأعضاء فقط',
  'groupEvents.create': 'إنشاء فعالية لهذه المجموعة',
  'groupEvents.back': 'العودة إلى المجموعة',
  'groupEvents.pages': 'صفحات الفعاليات',
  'groupEvents.organizedBy': 'تنظّمها {group}',
  'groupEvents.by': 'بواسطة {name}',
  'eventForm.organizeAs': 'التنظيم باسم',
  'eventForm.organizeAsMyself': 'أنا فقط (دون مجموعة)',
  'eventForm.organizeAsHint': 'يدير فعاليات المجموعة مشرفوها ومديروها.',
  'eventForm.error.group': 'لا يمكنك إنشاء فعاليات لهذه المجموعة.'
};

export const groupEventsMessages = { en, fr, ar };
