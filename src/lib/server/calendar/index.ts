export { eventsToAtom, escapeXml, type AtomOptions } from './atom.ts';
export { addressLine, locationOf, timeZoneOf, type CalendarEntry } from './event-text.ts';
export { eventsToIcs, type IcsOptions } from './ics.ts';
export { htmlToPlainText } from '../core/plain-text.ts';
