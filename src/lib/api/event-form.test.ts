import { describe, expect, it } from 'vitest';
import { eventFormErrorFromApi, readEventForm, toCreateEventVariables, type EventFormValues } from './event-form.ts';

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
    expect(result).toEqual({
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
        options: { timezone: 'Europe/Paris' }
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
    expect(eventFormErrorFromApi({ message: 'x', field: 'picture' })).toEqual({
      field: null,
      message: 'eventForm.error.unknown'
    });
  });
});
