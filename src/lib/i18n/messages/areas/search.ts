/** Messages of the search box and the search page, in every language; en.ts, fr.ts and ar.ts spread them. */
const en = {
  'search.label': 'Search events and profiles',
  'search.placeholder': 'Words, an address or @user@server',
  'search.submit': 'Search',
  'search.title': 'Search',
  'search.titleFor': 'Search: {term}',
  'search.hint':
    'Type words to search the events and profiles known here. Paste the address of an event or a profile, or a handle such as @name@server, to look it up on its own server.',
  'search.scope': 'Where',
  'search.scope.all': 'Here and on the servers this site follows',
  'search.scope.local': 'This site only',
  'search.events': 'Events',
  'search.profiles': 'Profiles',
  'search.eventsCount': 'Events found: {count}',
  'search.noEvents': 'No event matches.',
  'search.noProfiles': 'No profile matches.',
  'search.from': 'From {host}',
  'search.online': 'Online',
  'search.cancelled': 'Cancelled',
  'search.lookup.nothing':
    'Nothing that can be shown here was found at this address: it may not exist, or not be an event or a profile.',
  'search.lookup.signIn': 'Sign in to look up addresses on other servers.',
  'search.lookup.found': 'Found on its server and kept here.',
  'search.error.rateLimited': 'You looked up many addresses in a short time. Please wait a few minutes.',
  'search.error.failed': 'The search failed. Please try again in a moment.',
  'search.pages': 'Pages of events',
  'event.fromServer': 'From {host}',
  'event.fromServerLink': 'See it on its server'
};

type Catalog = Record<keyof typeof en, string>;

export const searchMessages: { en: typeof en; fr: Catalog; ar: Catalog } = {
  en,
  fr: {
    'search.label': 'Rechercher des événements et des profils',
    'search.placeholder': 'Des mots, une adresse ou @nom@serveur',
    'search.submit': 'Rechercher',
    'search.title': 'Recherche',
    'search.titleFor': 'Recherche : {term}',
    'search.hint':
      'Tapez des mots pour chercher parmi les événements et les profils connus ici. Collez l’adresse d’un événement ou d’un profil, ou un identifiant comme @nom@serveur, pour le chercher sur son propre serveur.',
    'search.scope': 'Où',
    'search.scope.all': 'Ici et sur les serveurs que ce site suit',
    'search.scope.local': 'Ce site seulement',
    'search.events': 'Événements',
    'search.profiles': 'Profils',
    'search.eventsCount': 'Événements trouvés : {count}',
    'search.noEvents': 'Aucun événement ne correspond.',
    'search.noProfiles': 'Aucun profil ne correspond.',
    'search.from': 'Depuis {host}',
    'search.online': 'En ligne',
    'search.cancelled': 'Annulé',
    'search.lookup.nothing':
      'Rien qui puisse être affiché ici n’a été trouvé à cette adresse : elle n’existe peut-être pas, ou ce n’est ni un événement ni un profil.',
    'search.lookup.signIn': 'Connectez-vous pour chercher des adresses sur d’autres serveurs.',
    'search.lookup.found': 'Trouvé sur son serveur et conservé ici.',
    'search.error.rateLimited':
      'Vous avez cherché beaucoup d’adresses en peu de temps. Merci de patienter quelques minutes.',
    'search.error.failed': 'La recherche a échoué. Réessayez dans un instant.',
    'search.pages': 'Pages d’événements',
    'event.fromServer': 'Depuis {host}',
    'event.fromServerLink': 'Le voir sur son serveur'
  },
  ar: {
    'search.label': 'البحث عن فعاليات وملفات شخصية',
    'search.placeholder': 'كلمات أو عنوان أو ‎@اسم@خادم',
    'search.submit': 'بحث',
    'search.title': 'البحث',
    'search.titleFor': 'البحث: {term}',
    'search.hint':
      'اكتب كلمات للبحث في الفعاليات والملفات الشخصية المعروفة هنا. الصق عنوان فعالية أو ملف شخصي، أو معرّفًا مثل ‎@اسم@خادم، للبحث عنه في خادمه.',
    'search.scope': 'أين',
    'search.scope.all': 'هنا وعلى الخوادم التي يتابعها هذا الموقع',
    'search.scope.local': 'هذا الموقع فقط',
    'search.events': 'الفعاليات',
    'search.profiles': 'الملفات الشخصية',
    'search.eventsCount': 'الفعاليات التي عُثر عليها: {count}',
    'search.noEvents': 'لا توجد فعالية مطابقة.',
    'search.noProfiles': 'لا يوجد ملف شخصي مطابق.',
    'search.from': 'من {host}',
    'search.online': 'عبر الإنترنت',
    'search.cancelled': 'ملغاة',
    'search.lookup.nothing':
      'لم يُعثر في هذا العنوان على شيء يمكن عرضه هنا: ربما لا وجود له، أو ليس فعالية ولا ملفًا شخصيًا.',
    'search.lookup.signIn': 'سجّل الدخول للبحث عن عناوين على خوادم أخرى.',
    'search.lookup.found': 'عُثر عليه في خادمه وحُفظ هنا.',
    'search.error.rateLimited': 'بحثت عن عناوين كثيرة في وقت قصير. يُرجى الانتظار بضع دقائق.',
    'search.error.failed': 'فشل البحث. حاول مجددًا بعد لحظات.',
    'search.pages': 'صفحات الفعاليات',
    'event.fromServer': 'من {host}',
    'event.fromServerLink': 'عرضها على خادمها'
  }
};
