import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentFromAp } from '#lib/server/federation/converters/comment.ts';
import { inviteFromAp, membersPageFromAp } from '#lib/server/federation/converters/member.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { BOOKKEEPING_TABLES, diffSnapshots, snapshotDatabase, waitForIdleQueues } from '../helpers/db-snapshot.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { FIXTURES_DIR, ForeignWorld, readFixture, type Json } from '../helpers/foreign-world.ts';
import { signedPost } from '../helpers/signed-post.ts';

/**
 * Mobilizon's recorded payloads (Mastodon's and Mobilizon's own activities and objects), received by
 * a real instance of ours: each goes in unchanged but for its addresses (the servers it names are
 * loopback stand-ins, the one it addresses is us) and its signature (re-signed with keys of our
 * making, as its server would sign it today), and leaves exactly the rows it should.
 */

interface Case {
  file: string;
  /** What the case shows, when the file is taken more than once (adapted in `prepare`). */
  label?: string;
  /** Recorded origins or prefixes standing for this instance (or for a URL of it). */
  local?: (string | readonly [string, string])[];
  /** Prefixes on a local origin that are another server all the same. */
  foreign?: string[];
  /** Documents the senders' servers serve besides the actors (already rewritten ids). */
  documents?: (activity: Json) => Json[];
  /** Actor documents to serve instead of a made-up Person (keyed by recorded id, rewritten). */
  actors?: (activity: Json) => Record<string, Json>;
  /** The state the payload expects to meet here (it may adapt the payload, which is signed after). */
  prepare?: (c: Ctx) => Promise<void>;
  expect: (c: Ctx, changes: string[]) => Promise<void>;
}

interface Ctx {
  app: TestApp;
  world: ForeignWorld;
  activity: Json;
}

let a: TestApp;
beforeAll(async () => {
  a = await createTestApp();
});
afterAll(async () => a?.stop());

const id = (value: unknown): string => (typeof value === 'string' ? value : String((value as Json).id));
const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await a.app.database.pool.query(sql, params)).rows as T[];
const relayUrl = () => `${a.baseUrl}/relay`;
const onlyBookkeeping = (changes: string[]) =>
  changes.filter((line) => !BOOKKEEPING_TABLES.some((table) => line.startsWith(`${table}:`)));

const AS = 'https://www.w3.org/ns/activitystreams';

/**
 * The payload as its server would send it today: re-signed over HTTP (its Linked Data signature
 * would not survive the new addresses), and with the ActivityStreams context a few recordings lost
 * (every Mastodon sends it; without it, `type` and `id` mean nothing in JSON-LD).
 */
const asSentToday = (value: Json): Json => {
  const { signature: _ld, ...rest } = value;
  const context = Array.isArray(rest['@context']) ? rest['@context'] : [rest['@context']].filter(Boolean);
  return context.includes(AS) ? rest : { ...rest, '@context': [AS, ...context] };
};

async function relayFollows(remoteApId: string, followApId: string) {
  const remote = await a.app.federation!.resolveActor(remoteApId);
  const relay = (await a.app.services.queries.actors.instanceActor())!;
  await q(
    `insert into follows (follower_id, target_id, ap_id, approved) values ($1, $2, $3, false)
     on conflict (follower_id, target_id) do update set ap_id = excluded.ap_id, approved = false`,
    [relay.id, remote.id, followApId]
  );
  return remote;
}

/** A free event (unless told otherwise) organized here by a new local profile. */
async function eventHere(title: string, fields: Record<string, unknown> = {}) {
  const organizer = await createUserWithProfile(a.app);
  return a.app.services.events.createEvent(organizer.user.id, {
    organizerActorId: organizer.profile.id,
    title,
    beginsOn: new Date('2031-06-01T10:00:00Z'),
    ...fields
  });
}

/** The participation a Join (or the Leave reusing its id) names, with its sender and message. */
const participationOf = (activity: Json) =>
  q(
    `select p.role, a.ap_id as actor, p.metadata->>'message' as message
     from participants p join actors a on a.id = p.actor_id where p.ap_id = $1`,
    [activity.id]
  );

const CASES: Case[] = [
  {
    file: 'mobilizon-post-activity.json',
    expect: async ({ activity }) => {
      const object = activity.object as Json;
      const [event] = await q<{ title: string; online_address: string; local: boolean; locality: string }>(
        `select e.title, e.online_address, e.local, ad.locality from events e
         left join addresses ad on ad.id = e.physical_address_id where e.ap_id = $1`,
        [object.id]
      );
      // The "Website" link is the online address (its server rewritten like every other).
      const website = (object.attachment as Json[]).find((l) => l.name === 'Website')!;
      expect(event).toMatchObject({
        title: 'My first event',
        online_address: new URL(String(website.href)).href,
        local: false,
        locality: 'Lyon'
      });
    }
  },
  {
    file: 'mobilizon-post-activity-media.json',
    expect: async ({ activity }) => {
      const [event] = await q(`select title, category from events where ap_id = $1`, [id(activity.object)]);
      // "TODO remove me" is no category: Mobilizon's default stands in, as Mobilizon does.
      expect(event).toMatchObject({ title: 'My first event', category: 'MEETING' });
    }
  },
  {
    file: 'mobilizon-post-activity-media-1.json',
    expect: async ({ activity }) => {
      expect(await q(`select 1 from events where ap_id = $1`, [id(activity.object)])).toHaveLength(1);
    }
  },
  {
    file: 'mobilizon-post-activity-group.json',
    actors: (activity) => {
      const group = String(activity.attributedTo);
      return {
        [group]: { '@context': AS, id: group, type: 'Group', preferredUsername: 'group', inbox: `${group}/inbox` }
      };
    },
    expect: async ({ activity }) => {
      const [event] = await q<{ visibility: string; organizer: string; group_type: string }>(
        `select e.visibility, o.ap_id as organizer, g.type as group_type from events e
         join actors o on o.id = e.organizer_actor_id join actors g on g.id = e.attributed_to_id
         where e.ap_id = $1`,
        [id(activity.object)]
      );
      // Addressed to the group only: listed nowhere, reachable by its link.
      expect(event).toMatchObject({ visibility: 'unlisted', organizer: activity.actor, group_type: 'Group' });
    }
  },
  {
    file: 'mastodon-follow-activity.json',
    local: [['http://localtesting.pleroma.lol/users/lain', `__A__/relay`]],
    expect: async ({ activity }) => {
      const rows = await q(
        `select f.approved, t.ap_id as target from follows f join actors t on t.id = f.target_id where f.ap_id = $1`,
        [activity.id]
      );
      // The relay approves every follow by hand (ADR 15).
      expect(rows).toEqual([{ approved: false, target: relayUrl() }]);
    }
  },
  {
    file: 'mastodon-unfollow-activity.json',
    local: [['http://localtesting.pleroma.lol/users/lain', `__A__/relay`]],
    prepare: async ({ activity }) => {
      const follow = activity.object as Json;
      const follower = await a.app.federation!.resolveActor(String(activity.actor));
      const relay = (await a.app.services.queries.actors.instanceActor())!;
      await q(`insert into follows (follower_id, target_id, ap_id, approved) values ($1, $2, $3, true)`, [
        follower.id,
        relay.id,
        follow.id
      ]);
    },
    expect: async ({ activity }) => {
      expect(await q(`select 1 from follows where ap_id = $1`, [id(activity.object)])).toEqual([]);
    }
  },
  {
    file: 'mastodon-accept-activity.json',
    local: ['http://mobilizon.test', ['http://mobilizon.test/@thomas1', `__A__/relay`]],
    foreign: ['http://mobilizon.test/@thomas0'],
    prepare: async ({ activity }) => relayFollows(String(activity.actor), id(activity.object)).then(() => {}),
    expect: async ({ activity }) => {
      expect(await q(`select approved from follows where ap_id = $1`, [id(activity.object)])).toEqual([
        { approved: true }
      ]);
    }
  },
  {
    file: 'mastodon-reject-activity.json',
    local: [['http://localtesting.pleroma.lol/users/lain', `__A__/relay`]],
    prepare: async ({ activity }) => relayFollows(String(activity.actor), id(activity.object)).then(() => {}),
    expect: async ({ activity }) => {
      expect(await q(`select 1 from follows where ap_id = $1`, [id(activity.object)])).toEqual([]);
    }
  },
  {
    file: 'mastodon-delete-user.json',
    prepare: async ({ activity }) => {
      await a.app.federation!.resolveActor(String(activity.actor));
    },
    expect: async ({ activity }) => {
      const [actor] = await q<{ deleted_at: Date | null }>(`select deleted_at from actors where ap_id = $1`, [
        activity.actor
      ]);
      expect(actor?.deleted_at).toBeInstanceOf(Date);
    }
  },
  {
    file: 'mastodon-delete.json',
    expect: async ({ activity }, changes) => {
      // A status we never had: remembered as gone, so that a late Create does not bring it in.
      expect(await q(`select former_type from tombstones where ap_id = $1`, [id(activity.object)])).toHaveLength(1);
      expect(onlyBookkeeping(changes)).toEqual(['tombstones: 0 → 1 rows']);
    }
  },
  {
    file: 'mastodon-update.json',
    actors: (activity) => ({ [String(activity.actor)]: activity.object as Json }),
    prepare: async ({ activity, world }) => {
      // The copy we hold before the update: an older name.
      await world.actor(String(activity.actor), { ...(activity.object as Json), name: 'Old name' });
      await a.app.federation!.resolveActor(String(activity.actor));
      await world.actor(String(activity.actor), activity.object as Json);
    },
    expect: async ({ activity }) => {
      const [actor] = await q(`select name, summary from actors where ap_id = $1`, [activity.actor]);
      expect(actor).toMatchObject({ name: 'nextsoft', summary: '<p>Some bio</p>' });
    }
  },
  ...['mastodon-like.json', 'mastodon-undo-like.json', 'mastodon-undo-announce.json', 'mastodon-announce.json'].map(
    (file): Case => ({
      file,
      // Likes are not a thing here; an announce of a status we cannot fetch or use changes nothing.
      expect: async (_c, changes) => expect(onlyBookkeeping(changes)).toEqual([])
    })
  )
];

/** Whether the payload went through its handler (an activity applied once, even if dropped). */
async function applied(activity: Json): Promise<boolean> {
  return (await q(`select 1 from inbound_activities where ap_id = $1`, [activity.id])).length === 1;
}

/**
 * Mobilizon's recordings of Mastodon's Create{Note} reuse one activity and status id: each is given
 * one of its own here (a suffix), or the second would be a replay of the first and never read.
 */
function ownIds(activity: Json, suffix: string): void {
  const object = activity.object as Json;
  activity.id = `${String(activity.id).replace(/\/activity$/, '')}${suffix}/activity`;
  for (const key of ['id', 'atomUri', 'url'] as const) if (typeof object[key] === 'string') object[key] += suffix;
}

const NOTE_CASES: Case[] = [
  ...(
    [
      ['mastodon-post-activity.json', ''],
      ['mastodon-post-activity-hashtag.json', '1'],
      ['mastodon-post-activity-private.json', '2']
    ] as const
  ).map(([file, suffix]): Case => ({
    file,
    prepare: async ({ activity }) => ownIds(activity, suffix),
    // A status answering nothing here (a mention, a hashtag, a direct message) leaves nothing.
    expect: async ({ activity }, changes) => {
      expect(await applied(activity)).toBe(true);
      expect(onlyBookkeeping(changes)).toEqual([]);
    }
  })),
  {
    file: 'mobilizon-invite-activity.json',
    expect: async ({ activity }, changes) => {
      // Read as Mobilizon means it; no group of that name lives here, so nothing is stored.
      expect(inviteFromAp(activity)).toEqual({
        id: activity.id,
        actor: activity.actor,
        group: `${a.baseUrl}/@mygroup`,
        invitee: `${a.baseUrl}/@someuser`
      });
      expect(onlyBookkeeping(changes)).toEqual([]);
    }
  },
  {
    file: 'mobilizon-join-activity.json',
    prepare: async ({ activity }) => {
      activity.object = (await eventHere('Joined from Mobilizon')).apId;
    },
    expect: async ({ activity }, changes) => {
      expect(await participationOf(activity)).toEqual([{ role: 'participant', actor: activity.actor, message: null }]);
      // Free and with seats: accepted at once, the Join embedded as Mobilizon reads it.
      const [accept] = await q<{ json: Json }>(
        `select json from outbox_activities where json->>'type' = 'Accept' and json->'object'->>'id' = $1`,
        [activity.id]
      );
      expect(accept?.json).toMatchObject({ object: { type: 'Join', actor: activity.actor }, to: [activity.actor] });
      expect(onlyBookkeeping(changes).map((line) => line.split(':')[0])).toEqual(
        expect.arrayContaining(['participants', 'events', 'domain_events'])
      );
    }
  },
  {
    file: 'mobilizon-join-activity.json',
    label: 'mobilizon-join-activity.json, with a message, to an event that asks for approval',
    prepare: async ({ activity }) => {
      activity.object = (await eventHere('Approved from Mobilizon', { joinOptions: 'restricted' })).apId;
      activity.participationMessage = 'Je peux venir à 10 h';
    },
    expect: async ({ activity }) => {
      expect(await participationOf(activity)).toEqual([
        { role: 'not_approved', actor: activity.actor, message: 'Je peux venir à 10 h' }
      ]);
      expect(
        await q(`select 1 from outbox_activities where json->>'type' = 'Accept' and json->'object'->>'id' = $1`, [
          activity.id
        ])
      ).toEqual([]);
    }
  },
  {
    file: 'mobilizon-leave-activity.json',
    prepare: async ({ activity }) => {
      const event = await eventHere('Left from Mobilizon');
      activity.object = event.apId;
      const actor = await a.app.federation!.resolveActor(String(activity.actor));
      // Mobilizon gives the Leave the id of the Join it ends: that Join was taken before.
      await a.app.services.participation.remote.receiveJoin({ apId: String(activity.id), event, actor });
    },
    expect: async ({ activity }, changes) => {
      expect(await participationOf(activity)).toEqual([]);
      expect(onlyBookkeeping(changes).map((line) => line.split(':')[0])).toEqual(
        expect.arrayContaining(['participants', 'domain_events'])
      );
    }
  },
  {
    file: 'mastodon-post-activity.json',
    label: 'mastodon-post-activity.json, answering an event here',
    prepare: async ({ activity }) => {
      ownIds(activity, '3');
      const organizer = await createUserWithProfile(a.app);
      const event = await a.app.services.events.createEvent(organizer.user.id, {
        organizerActorId: organizer.profile.id,
        title: 'Answered from Mastodon',
        beginsOn: new Date('2031-05-01T10:00:00Z')
      });
      (activity.object as Json).inReplyTo = event.apId;
    },
    expect: async ({ activity }, changes) => {
      const object = activity.object as Json;
      const rows = await q<{ local: boolean; visibility: string; text: string; author: string; event: string }>(
        `select c.local, c.visibility, c.text, a.ap_id as author, e.ap_id as event from comments c
         join actors a on a.id = c.actor_id join events e on e.id = c.event_id where c.ap_id = $1`,
        [object.id]
      );
      expect(rows).toEqual([
        {
          local: false,
          visibility: 'public',
          // The content warning ("cw") stays visible before the text; the mention stays a link.
          text: expect.stringMatching(
            /^<p>⚠ <strong>cw<\/strong><\/p><p><span class="h-card"><a href="https?:\/\/[^"]+\/users\/tcit"/
          ),
          author: activity.actor,
          event: object.inReplyTo
        }
      ]);
      expect(onlyBookkeeping(changes).map((line) => line.split(':')[0])).toEqual(['comments', 'domain_events']);
    }
  }
];

/** Mastodon's and Pleroma's statuses, as the comment converter reads them (what a reply to an event would be). */
const STATUS_CASES: { file: string; expected: Record<string, unknown> }[] = [
  {
    file: 'mastodon-status.json',
    expected: {
      apId: 'https://framapiaf.org/users/peertube/statuses/104584600044284729',
      url: 'https://framapiaf.org/@peertube/104584600044284729',
      authorApId: 'https://framapiaf.org/users/peertube',
      inReplyToApId: null,
      visibility: 'public',
      language: 'en',
      uuid: null,
      isAnnouncement: false,
      publishedAt: new Date('2020-07-27T07:19:11Z'),
      updatedAt: new Date('2020-07-27T07:19:11Z'),
      // No warning (a null summary); the picture attached follows as a link, never shown inline.
      text: expect.stringMatching(
        /^<p>PeerTube 2\.3 is out!.*<\/p><p><a href="https:\/\/framapiaf\.s3\.framasoft\.org\/[^"]+\/88c94143f78fdfa3\.png">https:\/\/framapiaf[^<]+<\/a><\/p>$/s
      )
    }
  },
  {
    file: 'mastodon-status-2.json',
    expected: {
      apId: 'https://framapiaf.org/users/Framasoft/statuses/102093631881522097',
      authorApId: 'https://framapiaf.org/users/Framasoft',
      inReplyToApId: null,
      visibility: 'public',
      // From its contentMap.
      language: 'fr',
      text: expect.stringMatching(/^<p>Mobilizon.{1,3}Finançons .*39d457fd9e0f0171\.jpg<\/a><\/p>$/s)
    }
  },
  {
    file: 'mastodon-status-3.json',
    expected: {
      apId: 'https://pirateradio.social/objects/eeaa8ced-27d6-49bb-a53b-fd2646b63f99',
      // No url: its id is its address.
      url: 'https://pirateradio.social/objects/eeaa8ced-27d6-49bb-a53b-fd2646b63f99',
      authorApId: 'https://pirateradio.social/users/captain',
      // A reply (here to a status elsewhere): the thread it joins when it answers one of ours.
      inReplyToApId: 'https://framapiaf.org/users/peertube/statuses/105945857653893100',
      // Public in `to` beside the actor it mentions.
      visibility: 'public',
      // An empty summary is no warning; no language map.
      language: 'und',
      text: expect.stringMatching(/^<p><span class="h-card">.*awesome!<\/p>$/s),
      publishedAt: new Date('2021-03-24T19:01:37.759Z')
    }
  }
];

/** Payloads whose handling belongs to work not done yet, each with the reason. */
/** Documents (not activities) read by their converters: what a group refresh will store. */
const DOCUMENT_FILES = ['mobilizon-members-collection.json'];

/** Actor documents, stored when looked up. */
const ACTOR_FILES = ['mastodon-actor.json', 'mastodon-tcit-tcit.json'];

describe.skipIf(!existsSync(FIXTURES_DIR))("Mobilizon's fixture corpus", () => {
  it('covers every recorded activity and object (or says why not yet)', () => {
    const files = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'));
    const covered = new Set([
      ...[...CASES, ...NOTE_CASES].map((c) => c.file),
      ...STATUS_CASES.map((c) => c.file),
      ...DOCUMENT_FILES,
      ...ACTOR_FILES
    ]);
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });

  for (const c of [...CASES, ...NOTE_CASES]) {
    it(`${c.label ?? c.file}: taken as it should`, async () => {
      const local = (c.local ?? ['http://mobilizon.test']).map((entry) =>
        typeof entry === 'string' ? entry : ([entry[0], entry[1].replace('__A__', a.baseUrl)] as const)
      );
      const world = new ForeignWorld(a.baseUrl, local);
      try {
        for (const prefix of c.foreign ?? []) await world.foreign(prefix);
        const activity = await world.rewrite(asSentToday(readFixture(c.file)));
        const documents = c.actors?.(activity) ?? {};
        const senderKey = await world.actor(String(activity.actor), documents[String(activity.actor)]);
        for (const [actorId, doc] of Object.entries(documents)) {
          if (actorId !== activity.actor) await world.actor(actorId, doc);
        }
        const object = activity.object as Json | string;
        // An actor updating itself embeds its key: the one we made for it (the recorded PEM is not one).
        if (typeof object === 'object' && object.id === activity.actor && object.publicKey) {
          object.publicKey = { id: senderKey.keyId, owner: activity.actor, publicKeyPem: senderKey.publicKeyPem };
        }
        // An embedded object is served at its id too (it may be fetched), unless it is not a document of
        // its own: an actor (served above, with its key), an activity (id with a fragment), a Tombstone.
        const servable = (o: Json) =>
          typeof o.id === 'string' &&
          !o.id.startsWith(a.baseUrl) &&
          !o.id.includes('#') &&
          o.id !== activity.actor &&
          !['Tombstone', 'Person', 'Group', 'Application', 'Service', 'Organization'].includes(String(o.type));
        if (typeof object === 'object' && typeof object.id === 'string' && !object.id.startsWith(a.baseUrl)) {
          if (servable(object)) world.serve(object);
          for (const key of ['actor', 'attributedTo'] as const) {
            const ref = object[key];
            if (typeof ref === 'string' && !ref.startsWith(a.baseUrl) && !(ref in documents) && ref !== activity.actor)
              await world.actor(ref);
          }
        }
        for (const doc of c.documents?.(activity) ?? []) world.serve(doc);
        const ctx: Ctx = { app: a, world, activity };
        await c.prepare?.(ctx);
        await waitForIdleQueues(a.app);
        const before = await snapshotDatabase(a.app);
        const response = await signedPost(`${a.baseUrl}/inbox`, activity, senderKey);
        expect([200, 202]).toContain(response.status);
        await waitForIdleQueues(a.app);
        await c.expect(ctx, diffSnapshots(before, await snapshotDatabase(a.app)));
      } finally {
        await world.close();
      }
    });
  }

  for (const { file, expected } of STATUS_CASES) {
    it(`${file}: read as a comment`, () => {
      expect(commentFromAp(readFixture(file))).toEqual(expect.objectContaining(expected));
    });
  }

  it('mobilizon-members-collection.json: a group’s members, read by the Member converter', () => {
    expect(membersPageFromAp(readFixture('mobilizon-members-collection.json'))).toEqual({
      group: 'http://mobilizon.test/@demo',
      members: [
        {
          id: 'http://mobilizon.test/member/2fec2e84-5719-48f9-92bd-077f50ff2e6e',
          actor: 'http://mobilizon.test/@tcit',
          group: 'http://mobilizon.test/@demo',
          role: 'administrator'
        },
        {
          id: 'http://mobilizon.test/member/13b0fc1e-2ceb-401c-bef7-0eba02fb92dc',
          actor: 'http://mobilizon2.com/@tcit',
          group: 'http://mobilizon.test/@demo',
          role: 'member'
        }
      ]
    });
  });

  for (const file of ACTOR_FILES) {
    it(`${file}: an actor document, stored when looked up`, async () => {
      const world = new ForeignWorld(a.baseUrl, []);
      try {
        const doc = await world.rewrite(asSentToday(readFixture(file)));
        await world.actor(String(doc.id), doc);
        const stored = await a.app.federation!.resolveActor(String(doc.id));
        expect(stored).toMatchObject({
          apId: doc.id,
          preferredUsername: doc.preferredUsername,
          name: doc.name ?? null,
          inboxUrl: doc.inbox
        });
        expect(stored.publicKeyPem).toContain('BEGIN PUBLIC KEY');
      } finally {
        await world.close();
      }
    });
  }
});
