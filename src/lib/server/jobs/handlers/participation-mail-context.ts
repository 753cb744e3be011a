import { isTimeZone } from '../../../time/zoned-time.ts';
import type { Config } from '../../config/index.ts';
import type { ParticipationMailTarget } from '../../domain/events/index.ts';
import { mailLocale } from '../../emails/layout.ts';
import type { EventMailContext } from '../../emails/templates/participation-context.ts';
import { formatEventTime } from '../../emails/templates/participation-layout.ts';

/** The recipient's zone when they have one, else the event's, else UTC. */
export function recipientTimeZone(target: ParticipationMailTarget): string {
  const candidates = [target.timezone, target.event.timezone, target.event.options.timezone];
  return candidates.find((zone): zone is string => !!zone && isTimeZone(zone)) ?? 'UTC';
}

function placeOf(target: ParticipationMailTarget): string | null {
  const a = target.address;
  const physical = a
    ? [a.description, a.street, [a.postalCode, a.locality].filter(Boolean).join(' '), a.country]
        .filter((part): part is string => !!part)
        .filter((part, i, all) => all.indexOf(part) === i)
        .join(', ')
    : '';
  return physical || target.event.onlineAddress || null;
}

/** What a participation mail needs, in the recipient's language and time zone. */
export function mailContextFor(config: Config, target: ParticipationMailTarget): EventMailContext {
  const locale = mailLocale(target.locale);
  const token = target.participant.metadata.cancellationToken;
  return {
    locale,
    instanceName: config.instanceName,
    title: target.event.title,
    when: formatEventTime(locale, target.event.beginsOn, recipientTimeZone(target)),
    place: placeOf(target),
    eventUrl: `${config.publicUrl}/events/${target.event.uuid}`,
    cancelUrl:
      target.anonymous && token
        ? `${config.publicUrl}/participation/email/cancel/${target.event.uuid}/${encodeURIComponent(token)}`
        : null
  };
}
