import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '#lib/server/db/schema/accounts.ts';
import { actors } from '#lib/server/db/schema/actors.ts';
import { participantExports } from '#lib/server/db/schema/exports.ts';
import { participants } from '#lib/server/db/schema/participants.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';
import { waitFor } from '../helpers/wait.ts';
import { parseXml, type XmlElement } from '../helpers/xml.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.stop());

const EXPORT = `mutation($eventId: ID!, $roles: [ParticipantRoleEnum], $format: ExportFormatEnum) {
  exportEventParticipants(eventId: $eventId, roles: $roles, format: $format) { path format } }`;
type Exported = { exportEventParticipants: { path: string; format: string } | null };

/** An event run by one organizer, with participants whose names test every format's escaping. */
async function eventWithParticipants(locale = 'en') {
  const organizer = await createUserWithProfile(t.app);
  await t.app.database.db.update(users).set({ locale }).where(eq(users.id, organizer.user.id));
  const event = await t.app.services.events.createEvent(organizer.user.id, {
    organizerActorId: organizer.profile.id,
    title: 'Fête du quartier',
    beginsOn: new Date('2030-06-21T18:00:00Z')
  });
  const join = async (name: string, message?: string) => {
    const person = await createUserWithProfile(t.app);
    // The factory names every profile "Test Person": these names are the point of the test.
    await t.app.database.db.update(actors).set({ name }).where(eq(actors.id, person.profile.id));
    const participation = await t.app.services.participation.join(person.user.id, {
      eventId: event.id,
      actorId: person.profile.id,
      message
    });
    return { ...person, participation };
  };
  const zoe = await join('Zoë Éléonore', 'I bring "chairs", and\ncake');
  const sara = await join('سارة أحمد');
  const formula = await join('=HYPERLINK("http://evil.example")', '+1 for the picnic');
  const rejected = await join('Rejected Person');
  await t.app.services.participation.updateRole(organizer.user.id, {
    participantId: rejected.participation.id,
    role: 'rejected'
  });
  // An anonymous participation: the instance's shared profile, keyed by the email given.
  const instanceActor = await t.app.services.queries.actors.instanceActor();
  await t.app.database.db.insert(participants).values({
    eventId: event.id,
    actorId: instanceActor!.id,
    role: 'participant',
    apId: `${t.baseUrl}/join/event/anonymous-${event.id}`,
    metadata: { email: 'secret.anon@example.org', message: '@anon says hi' }
  });
  return { organizer, event, zoe, sara, formula, rejected };
}

async function download(path: string, format: string, init: { token?: string; cookie?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.cookie) headers.cookie = init.cookie;
  return fetch(`${t.baseUrl}/exports/${format}/${path}`, { headers });
}

/** Asks for an export as `client` and waits for the job to write it; returns the file's response. */
async function exportAs(
  client: Awaited<ReturnType<typeof clientAs>>,
  eventId: number,
  format: string,
  roles?: string[]
) {
  const asked = await client.query<Exported>(EXPORT, { eventId: String(eventId), format, roles });
  expect(asked.errors).toBeUndefined();
  const result = asked.data!.exportEventParticipants!;
  expect(result.format).toBe(format);
  expect(result.path).toMatch(new RegExp(`^[A-Za-z0-9_-]{32}\\.${format.toLowerCase()}$`));
  const response = await waitFor(
    async () => {
      const r = await download(result.path, format.toLowerCase(), { token: client.accessToken });
      if (r.status === 202) {
        expect(r.headers.get('retry-after')).toBeTruthy();
        return undefined;
      }
      return r;
    },
    { what: `${format} export` }
  );
  return { response, path: result.path };
}

/** RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

const allText = (e: XmlElement): string => e.text + e.children.map(allText).join('');
const find = (e: XmlElement, name: string): XmlElement[] =>
  e.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));

describe('participant exports', () => {
  it('exports CSV: BOM, RFC 4180 quoting, formula injection neutralized, no email, by a job', async () => {
    const { organizer, event, zoe } = await eventWithParticipants();
    const me = await clientAs(t.app, organizer.email, organizer.password);
    const { response } = await exportAs(me, event.id, 'CSV');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="F_te-du-quartier-participants\.csv"/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Fête-du-quartier-participants.csv')}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).not.toContain('secret.anon@example.org');
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['Participant', 'Handle', 'Role', 'Joined at', 'Message']);
    // creator, three participants, the rejected one, the anonymous one: every role by default.
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    const byName = new Map(rows.map((r) => [r[0], r]));
    expect(byName.get('Test Person')?.[2]).toBe('Creator');
    expect(byName.get('Zoë Éléonore')?.slice(2)).toEqual([
      'Participant',
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/),
      'I bring "chairs", and\ncake'
    ]);
    expect(byName.get('Zoë Éléonore')?.[1]).toBe(zoe.profile.preferredUsername);
    expect(byName.get('سارة أحمد')?.[2]).toBe('Participant');
    expect(byName.get(`'=HYPERLINK("http://evil.example")`)?.[4]).toBe("'+1 for the picnic");
    expect(byName.get('Rejected Person')?.[2]).toBe('Rejected');
    expect(byName.get('Anonymous participant')).toEqual([
      'Anonymous participant',
      '',
      'Participant',
      expect.any(String),
      "'@anon says hi"
    ]);
  });

  it('exports only the roles asked for, with headings in the organizer’s language', async () => {
    const { organizer, event, rejected } = await eventWithParticipants('fr');
    const me = await clientAs(t.app, organizer.email, organizer.password);
    const { response } = await exportAs(me, event.id, 'CSV', ['REJECTED']);
    const rows = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
    expect(rows).toEqual([
      ['Participant·e', 'Identifiant', 'Rôle', 'Inscription', 'Message'],
      ['Rejected Person', rejected.profile.preferredUsername, 'Refusé·e', expect.any(String), '']
    ]);
  });

  it('exports ODS: a zip with mimetype first and stored, a manifest and a sheet with the rows', async () => {
    const { organizer, event } = await eventWithParticipants();
    const me = await clientAs(t.app, organizer.email, organizer.password);
    const { response } = await exportAs(me, event.id, 'ODS', ['PARTICIPANT', 'CREATOR']);
    expect(response.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The first local file header: signature, method 0 (stored), name "mimetype", then its content.
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0);
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    expect(strFromU8(bytes.slice(30, 30 + nameLength))).toBe('mimetype');
    const start = 30 + nameLength + extraLength;
    expect(strFromU8(bytes.slice(start, start + 46))).toBe('application/vnd.oasis.opendocument.spreadsheet');

    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(['mimetype', 'META-INF/manifest.xml', 'content.xml']);
    const manifest = parseXml(strFromU8(files['META-INF/manifest.xml']!).replace(/^<\?xml[^>]*\?>\s*/, ''));
    expect(find(manifest, 'manifest:file-entry').map((e) => e.attributes['manifest:full-path'])).toContain(
      'content.xml'
    );
    const content = parseXml(strFromU8(files['content.xml']!).replace(/^<\?xml[^>]*\?>\s*/, ''));
    const rows = find(content, 'table:table-row').map((r) => find(r, 'table:table-cell').map(allText));
    expect(rows[0]).toEqual(['Participant', 'Handle', 'Role', 'Joined at', 'Message']);
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toEqual([
      'Test Person',
      'Zoë Éléonore',
      'سارة أحمد',
      // A typed string cell: no spreadsheet evaluates it, so it is kept as written.
      '=HYPERLINK("http://evil.example")',
      'Anonymous participant'
    ]);
    const formulaCell = find(find(content, 'table:table-row')[4]!, 'table:table-cell')[0]!;
    expect(formulaCell.attributes).toEqual({ 'office:value-type': 'string' });
    const dateCell = find(find(content, 'table:table-row')[1]!, 'table:table-cell')[3]!;
    expect(dateCell.attributes['office:value-type']).toBe('date');
    expect(dateCell.attributes['office:date-value']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00$/);
    expect(strFromU8(files['content.xml']!)).not.toContain('secret.anon');
  });

  it('exports PDF with non-Latin names printed (text extracted back)', async () => {
    const { organizer, event } = await eventWithParticipants();
    const me = await clientAs(t.app, organizer.email, organizer.password);
    const { response } = await exportAs(me, event.id, 'PDF');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(strFromU8(bytes.slice(0, 5))).toBe('%PDF-');
    const { text } = await extractText(bytes, { mergePages: true });
    for (const expected of ['Participants — Fête du quartier', 'Joined at', 'Zoë Éléonore', 'سارة أحمد', 'Rejected']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('Anonymous participant');
    expect(text).not.toContain('secret.anon');
  });

  it('serves the file through the pages’ session cookie too, and to organizers only', async () => {
    const { organizer, event, zoe } = await eventWithParticipants();
    const me = await clientAs(t.app, organizer.email, organizer.password);
    const { path } = await exportAs(me, event.id, 'CSV');
    const byCookie = await download(path, 'csv', { cookie: `theme=dark; convene_access=${me.accessToken}` });
    expect(byCookie.status).toBe(200);
    expect(await byCookie.text()).toContain('Zoë Éléonore');

    const participant = await clientAs(t.app, zoe.email, zoe.password);
    expect((await download(path, 'csv', { token: participant.accessToken })).status).toBe(404);
    expect((await download(path, 'csv')).status).toBe(404);
    expect((await download(path, 'csv', { token: 'not-a-token' })).status).toBe(404);
    // The right file under another format, or an unknown name, is not found either.
    expect((await download(path, 'pdf', { token: me.accessToken })).status).toBe(404);
    expect((await download('A'.repeat(32) + '.csv', 'csv', { token: me.accessToken })).status).toBe(404);

    const refused = await participant.query<Exported>(EXPORT, { eventId: String(event.id), format: 'CSV' });
    expect(refused.data?.exportEventParticipants ?? null).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({ status_code: 403 });
    const anonymous = await gql<Exported>(t.app, EXPORT, { eventId: String(event.id), format: 'CSV' });
    expect(anonymous.errors?.[0]).toMatchObject({ status_code: 401 });
    const unknownEvent = await me.query<Exported>(EXPORT, { eventId: '999999999', format: 'CSV' });
    expect(unknownEvent.errors?.[0]).toMatchObject({ status_code: 403 });
  });

  it('checks organizing at download time: a demoted moderator loses the file', async () => {
    const { organizer, event, zoe } = await eventWithParticipants();
    await t.app.services.participation.updateRole(organizer.user.id, {
      participantId: zoe.participation.id,
      role: 'moderator'
    });
    const moderator = await clientAs(t.app, zoe.email, zoe.password);
    const { response, path } = await exportAs(moderator, event.id, 'CSV');
    expect(response.status).toBe(200);
    await t.app.services.participation.updateRole(organizer.user.id, {
      participantId: zoe.participation.id,
      role: 'participant'
    });
    expect((await download(path, 'csv', { token: moderator.accessToken })).status).toBe(404);
    const me = await clientAs(t.app, organizer.email, organizer.password);
    expect((await download(path, 'csv', { token: me.accessToken })).status).toBe(200);
  });

  it('answers 202 with Retry-After while the file is being written', async () => {
    const { organizer, event } = await eventWithParticipants();
    const me = await clientAs(t.app, organizer.email, organizer.password);
    const fileName = `${'p'.repeat(32)}.pdf`;
    await t.app.database.db.insert(participantExports).values({
      fileName,
      format: 'pdf',
      eventId: event.id,
      requestedById: organizer.profile.id,
      expiresAt: new Date(Date.now() + 3600_000)
    });
    const pending = await download(fileName, 'pdf', { token: me.accessToken });
    expect(pending.status).toBe(202);
    expect(pending.headers.get('retry-after')).toBe('2');
  });

  it('refuses unknown formats and roles with a clear error, and stores nothing', async () => {
    const { organizer, event } = await eventWithParticipants();
    const me = await clientAs(t.app, organizer.email, organizer.password);
    const before = await t.app.database.db.$count(participantExports);
    const badFormat = await me.query(EXPORT, { eventId: String(event.id), format: 'XLSX' });
    expect(badFormat.errors?.[0]?.message).toMatch(/XLSX.*ExportFormatEnum|ExportFormatEnum.*XLSX/);
    const badRole = await me.query(EXPORT, { eventId: String(event.id), format: 'CSV', roles: ['GUEST'] });
    expect(badRole.errors?.[0]?.message).toMatch(/GUEST.*ParticipantRoleEnum|ParticipantRoleEnum.*GUEST/);
    expect(await t.app.database.db.$count(participantExports)).toBe(before);
  });

  it('removes expired exports, file and row, in the daily sweep', async () => {
    const { organizer, event } = await eventWithParticipants();
    const me = await clientAs(t.app, organizer.email, organizer.password);
    const { path } = await exportAs(me, event.id, 'ODS');
    const file = join(t.dataDir, 'exports', path);
    expect(existsSync(file)).toBe(true);
    const { path: kept } = await exportAs(me, event.id, 'CSV');
    await t.app.database.db
      .update(participantExports)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(participantExports.fileName, path));
    // Past its expiry the file is no longer served, even before the sweep.
    expect((await download(path, 'ods', { token: me.accessToken })).status).toBe(404);
    expect(t.app.jobs.has('participant-exports.sweep')).toBe(true);
    expect(await t.app.services.participantExports.sweepExpired()).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect(await t.app.database.db.$count(participantExports, eq(participantExports.fileName, path))).toBe(0);
    expect(existsSync(join(t.dataDir, 'exports', kept))).toBe(true);
    expect((await download(kept, 'csv', { token: me.accessToken })).status).toBe(200);
  });

  it.skipIf(!hasMobilizonCorpus())("runs Mobilizon's ExportEventParticipants document", async () => {
    const { organizer, event } = await eventWithParticipants();
    const me = await clientAs(t.app, organizer.email, organizer.password);
    const result = await me.query<Exported>(
      mobilizonOperation('ExportEventParticipants').source,
      { eventId: String(event.id), format: 'PDF', roles: ['PARTICIPANT'] },
      'ExportEventParticipants'
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.exportEventParticipants).toMatchObject({
      format: 'PDF',
      path: expect.stringMatching(/\.pdf$/)
    });
  });
});
