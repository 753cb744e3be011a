import { describe, expect, it } from 'vitest';
import {
  CHECKED,
  eventFormErrorFromApi,
  eventToFormValues,
  parseTags,
  readEventForm,
  toCreateEventVariables,
  toEventVariables,
  type EventFormValues
} from './event-form.ts';
import type { EventDetails } from './events.ts';

const form = (values: Partial<EventFormValues>): EventFormValues => {
  const data = new FormData();
  for (const [key, value] of Object.entries({ organizerActorId: '7', timezone: 'Europe/Paris', ...values })) {
    data.set(key, value);
  }
  return readEventForm(data);
};

describe('toCreateEventVariables', () => {
  it('turns wall-clock times in the chosen zone into ISO instants with that offset', () => {
    const result = toCreateEventVariables(
      form({
        title: '  Climate march ',
        description: 'Bring <signs>.\n\nMeet at noon.',
        beginsOn: '2026-03-14T14:00',
        endsOn: '2026-03-14T17:00',
        onlineAddress: 'https://stream.example/march',
        placeDescription: 'Place de la République',
        locality: 'Paris',
        country: 'France'
      })
    );
    expect(result).toMatchObject({
      ok: true,
      variables: {
        organizerActorId: '7',
        title: 'Climate march',
        description: '<p>Bring &lt;signs&gt;.</p><p>Meet at noon.</p>',
        beginsOn: '2026-03-14T14:00:00+01:00',
        endsOn: '2026-03-14T17:00:00+01:00',
        onlineAddress: 'https://stream.example/march',
        physicalAddress: {
          description: 'Place de la République',
          street: null,
          postalCode: null,
          locality: 'Paris',
          country: 'France'
        },
        options: { timezone: 'Europe/Paris', maximumAttendeeCapacity: 0, isOnline: false },
        status: 'CONFIRMED',
        visibility: 'PUBLIC',
        joinOptions: 'FREE',
        tags: [],
        metadata: []
      }
    });
  });

  it('sends no address and no end when none are given, and UTC when no zone is chosen', () => {
    const result = toCreateEventVariables(form({ title: 'Picnic', beginsOn: '2026-07-01T12:00', timezone: '' }));
    expect(result.ok && result.variables).toMatchObject({
      beginsOn: '2026-07-01T12:00:00+00:00',
      endsOn: null,
      physicalAddress: null,
      onlineAddress: null,
      description: '',
      options: { timezone: 'UTC' }
    });
  });

  it('names each field that is wrong', () => {
    const result = toCreateEventVariables(
      form({
        organizerActorId: '',
        title: 'ab',
        beginsOn: '2026-02-30T10:00',
        endsOn: 'soon',
        onlineAddress: 'javascript:alert(1)'
      })
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        organizerActorId: 'eventForm.error.organizer',
        title: 'eventForm.error.titleLength',
        beginsOn: 'eventForm.error.dateInvalid',
        endsOn: 'eventForm.error.dateInvalid',
        onlineAddress: 'eventForm.error.onlineAddress'
      }
    });
  });

  it('refuses a missing title or start, an end before the start and an unknown zone', () => {
    expect(toCreateEventVariables(form({ title: ' ', beginsOn: '' }))).toEqual({
      ok: false,
      errors: { title: 'eventForm.error.titleRequired', beginsOn: 'eventForm.error.beginsOnRequired' }
    });
    expect(
      toCreateEventVariables(form({ title: 'Talk', beginsOn: '2026-03-14T14:00', endsOn: '2026-03-14T14:00' }))
    ).toEqual({
      ok: false,
      errors: { endsOn: 'eventForm.error.endsBeforeBegins' }
    });
    expect(
      toCreateEventVariables(form({ title: 'Talk', beginsOn: '2026-03-14T14:00', timezone: 'Mars/Olympus' }))
    ).toEqual({
      ok: false,
      errors: { timezone: 'eventForm.error.timezone' }
    });
  });
});

describe('eventFormErrorFromApi', () => {
  it('puts API errors next to their input, translated by field', () => {
    expect(
      eventFormErrorFromApi({ message: 'The event must end after it begins', field: 'endsOn', code: 'validation' })
    ).toEqual({
      field: 'endsOn',
      message: 'eventForm.error.endsBeforeBegins'
    });
    expect(eventFormErrorFromApi({ message: 'Unknown time zone', field: 'options.timezone' })).toEqual({
      field: 'timezone',
      message: 'eventForm.error.timezone'
    });
    expect(eventFormErrorFromApi({ message: 'too long', field: 'physicalAddress.locality' })).toEqual({
      field: 'locality',
      message: 'eventForm.error.tooLong'
    });
    expect(eventFormErrorFromApi({ message: 'Not yours', field: 'organizerActorId', code: 'unauthorized' })).toEqual({
      field: 'organizerActorId',
      message: 'eventForm.error.organizer'
    });
  });

  it('sends errors about no known field above the form', () => {
    expect(eventFormErrorFromApi({ message: 'Something went wrong', code: 'unknown' })).toEqual({
      field: null,
      message: 'eventForm.error.unknown'
    });
    expect(eventFormErrorFromApi({ message: 'x', field: 'somethingElse' })).toEqual({
      field: null,
      message: 'eventForm.error.unknown'
    });
  });
});

describe('advanced options', () => {
  it('become Mobilizon options, tags and metadata', () => {
    const result = toEventVariables(
      form({
        title: 'Open mic',
        beginsOn: '2026-05-02T19:00',
        onlineAddress: 'https://meet.example/mic',
        visibility: 'UNLISTED',
        joinOptions: 'RESTRICTED',
        maximumAttendeeCapacity: '25',
        showRemainingAttendeeCapacity: CHECKED,
        anonymousParticipation: CHECKED,
        commentModeration: 'MODERATED',
        showStartTime: CHECKED,
        hideNumberOfParticipants: CHECKED,
        category: 'MUSIC',
        language: 'fr',
        tags: ' music, #Open mic ,music,, poetry',
        wheelchairAccessible: 'partially',
        signLanguage: CHECKED,
        liveStreamUrl: 'https://www.youtube.com/watch?v=abc',
        twitterAccount: 'openmic',
        otherMetadata: JSON.stringify([
          { key: 'mz:poll:framadate', value: 'https://framadate.example/x', type: 'STRING' }
        ])
      })
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.variables).toMatchObject({
      visibility: 'UNLISTED',
      joinOptions: 'RESTRICTED',
      category: 'MUSIC',
      language: 'fr',
      tags: ['music', 'Open mic', 'poetry'],
      options: {
        maximumAttendeeCapacity: 25,
        showRemainingAttendeeCapacity: true,
        anonymousParticipation: true,
        commentModeration: 'MODERATED',
        showStartTime: true,
        showEndTime: false,
        hideNumberOfParticipants: true,
        isOnline: true
      }
    });
    expect(result.variables.metadata).toEqual([
      { key: 'mz:accessibility:wheelchairAccessible', value: 'partially', type: 'STRING' },
      { key: 'mz:accessibility:live:sign_language', value: 'true', type: 'BOOLEAN' },
      { key: 'mz:live:youtube:url', value: 'https://www.youtube.com/watch?v=abc', type: 'STRING' },
      { key: 'mz:social:twitter:account', value: '@openmic', type: 'STRING' },
      { key: 'mz:poll:framadate', value: 'https://framadate.example/x', type: 'STRING' }
    ]);
  });

  it('refuses an external join mode without a URL, a bad capacity and bad links', () => {
    const result = toEventVariables(
      form({
        title: 'Gig',
        beginsOn: '2026-05-02T19:00',
        joinOptions: 'EXTERNAL',
        maximumAttendeeCapacity: '-3',
        liveStreamUrl: 'ftp://x',
        twitterAccount: 'not a handle',
        tags: 'x'.repeat(41)
      })
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        externalParticipationUrl: 'eventPages.error.externalUrl',
        maximumAttendeeCapacity: 'eventPages.error.capacity',
        liveStreamUrl: 'eventPages.error.url',
        twitterAccount: 'eventPages.error.twitterAccount',
        tags: 'eventPages.error.tagLength'
      }
    });
  });

  it('ignores values outside the lists (a forged form)', () => {
    const result = toEventVariables(
      form({ title: 'Gig', beginsOn: '2026-05-02T19:00', visibility: 'SECRET', category: 'NOPE', language: 'xx' })
    );
    expect(result.ok && result.variables.visibility).toBe('PUBLIC');
    expect(result.ok && 'category' in result.variables).toBe(false);
    expect(result.ok && 'language' in result.variables).toBe(false);
  });

  it('parses tags without repeats or blanks', () => {
    expect(parseTags('A, a ,  b  c,,#d')).toEqual(['A', 'b c', 'd']);
  });
});

describe('eventToFormValues', () => {
  it('prefills the form with the event in its own zone, and saving it gives the same event back', () => {
    const event: EventDetails = {
      id: '4',
      uuid: '0b6f5a52-8c1e-4f7e-9f52-1f7b1d0c2a11',
      url: null,
      title: 'Repair café',
      description: '<p>Bring &lt;broken&gt; things.</p><p>Line one<br>line two</p>',
      beginsOn: '2026-03-14T13:00:00Z',
      endsOn: '2026-03-14T16:00:00Z',
      status: 'TENTATIVE',
      visibility: 'PUBLIC',
      draft: true,
      onlineAddress: null,
      language: 'fr',
      category: 'CRAFTS',
      picture: null,
      tags: [{ id: '1', slug: 'repair', title: 'repair' }, null],
      metadata: [
        { key: 'mz:accessibility:wheelchairAccessible', title: null, value: 'fully', type: 'STRING' },
        { key: 'mz:social:fediverse:account_url', title: null, value: 'https://social.example/@cafe', type: 'STRING' },
        { key: 'custom', title: 'Custom', value: 'kept', type: 'STRING' }
      ],
      options: {
        timezone: 'Europe/Paris',
        maximumAttendeeCapacity: 12,
        remainingAttendeeCapacity: 12,
        showRemainingAttendeeCapacity: true,
        hideNumberOfParticipants: false,
        showEndTime: false
      },
      joinOptions: 'FREE',
      externalParticipationUrl: null,
      participantStats: null,
      physicalAddress: { description: 'Town hall', street: null, locality: 'Lyon', postalCode: null, country: null },
      organizerActor: { id: '7', preferredUsername: 'cafe', name: null, domain: null }
    };
    const values = eventToFormValues(event);
    expect(values).toMatchObject({
      organizerActorId: '7',
      description: 'Bring <broken> things.\n\nLine one\nline two',
      beginsOn: '2026-03-14T14:00',
      endsOn: '2026-03-14T17:00',
      timezone: 'Europe/Paris',
      status: 'TENTATIVE',
      category: 'CRAFTS',
      tags: 'repair',
      maximumAttendeeCapacity: '12',
      showRemainingAttendeeCapacity: CHECKED,
      showStartTime: CHECKED,
      showEndTime: '',
      wheelchairAccessible: 'fully',
      fediverseAccount: 'https://social.example/@cafe'
    });
    const again = toEventVariables(values);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.variables).toMatchObject({
      title: 'Repair café',
      description: '<p>Bring &lt;broken&gt; things.</p><p>Line one<br>line two</p>',
      beginsOn: '2026-03-14T14:00:00+01:00',
      status: 'TENTATIVE',
      physicalAddress: { description: 'Town hall', locality: 'Lyon' }
    });
    expect(again.variables.metadata).toContainEqual({ key: 'custom', title: 'Custom', value: 'kept', type: 'STRING' });
  });
});
