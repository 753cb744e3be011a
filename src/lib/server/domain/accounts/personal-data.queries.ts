import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema/accounts.ts';
import { actors, follows } from '../../db/schema/actors.ts';
import { addresses, events } from '../../db/schema/events.ts';
import { participants } from '../../db/schema/participants.ts';
import { media } from '../../db/schema/media.ts';
import { activitySettings, feedTokens, userSettings } from '../../db/schema/settings.ts';

/**
 * Everything the instance holds about one account, for the person to download (a right Mobilizon
 * does not offer). Secrets (password hash, keys, session tokens) are left out: they are not personal
 * data the person can use, and the file may travel. Feed tokens are in: they are the addresses of
 * the person's own calendar feeds, shown to them in their settings too.
 */
export async function personalDataOf(db: Database, userId: number) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const profiles = await db
    .select()
    .from(actors)
    .where(and(eq(actors.userId, userId), isNull(actors.domain)))
    .orderBy(asc(actors.id));
  const profileIds = profiles.map((p) => p.id);
  const organized = profileIds.length
    ? await db
        .select({ event: events, address: addresses })
        .from(events)
        .leftJoin(addresses, eq(addresses.id, events.physicalAddressId))
        .where(inArray(events.organizerActorId, profileIds))
        .orderBy(asc(events.beginsOn))
    : [];
  const following = profileIds.length
    ? await db
        .select({
          followerId: follows.followerId,
          target: actors.apId,
          approved: follows.approved,
          since: follows.createdAt
        })
        .from(follows)
        .innerJoin(actors, eq(actors.id, follows.targetId))
        .where(inArray(follows.followerId, profileIds))
    : [];
  const followers = profileIds.length
    ? await db
        .select({
          targetId: follows.targetId,
          follower: actors.apId,
          approved: follows.approved,
          since: follows.createdAt
        })
        .from(follows)
        .innerJoin(actors, eq(actors.id, follows.followerId))
        .where(inArray(follows.targetId, profileIds))
    : [];
  const participations = profileIds.length
    ? await db
        .select({
          actorId: participants.actorId,
          role: participants.role,
          since: participants.createdAt,
          title: events.title,
          url: events.url,
          beginsOn: events.beginsOn
        })
        .from(participants)
        .innerJoin(events, eq(events.id, participants.eventId))
        .where(inArray(participants.actorId, profileIds))
        .orderBy(asc(events.beginsOn), asc(participants.id))
    : [];
  const feeds = await db
    .select()
    .from(feedTokens)
    .where(eq(feedTokens.userId, userId))
    .orderBy(asc(feedTokens.createdAt));
  const [settings] = await db.select().from(userSettings).where(eq(userSettings.userId, userId));
  const switches = await db
    .select()
    .from(activitySettings)
    .where(eq(activitySettings.userId, userId))
    .orderBy(asc(activitySettings.key), asc(activitySettings.method));
  const pictures = profileIds.length
    ? await db.select().from(media).where(inArray(media.actorId, profileIds)).orderBy(asc(media.id))
    : [];
  const usernameOf = new Map(profiles.map((p) => [p.id, p.preferredUsername]));
  const pictureUrl = new Map(pictures.map((m) => [m.id, m.url]));
  return {
    exportedAt: new Date().toISOString(),
    account: {
      email: user.email,
      role: user.role,
      locale: user.locale,
      createdAt: user.createdAt,
      confirmedAt: user.confirmedAt,
      lastSignInAt: user.lastSignInAt
    },
    profiles: profiles.map((p) => ({
      username: p.preferredUsername,
      name: p.name,
      summary: p.summary,
      url: p.apId,
      createdAt: p.createdAt,
      isDefault: p.id === user.defaultActorId,
      avatar: p.avatarId ? (pictureUrl.get(p.avatarId) ?? null) : null,
      banner: p.bannerId ? (pictureUrl.get(p.bannerId) ?? null) : null
    })),
    settings: {
      timezone: settings?.timezone ?? null,
      notifications: settings
        ? {
            onDay: settings.notificationOnDay,
            eachWeek: settings.notificationEachWeek,
            beforeEvent: settings.notificationBeforeEvent,
            pendingParticipation: settings.notificationPendingParticipation,
            pendingMembership: settings.notificationPendingMembership,
            groupActivity: settings.groupNotifications
          }
        : null,
      location: settings?.locationName
        ? { name: settings.locationName, range: settings.locationRange, geohash: settings.locationGeohash }
        : null,
      activityNotifications: switches.map((a) => ({ key: a.key, method: a.method, enabled: a.enabled }))
    },
    pictures: pictures.map((m) => ({
      profile: m.actorId === null ? null : usernameOf.get(m.actorId),
      url: m.url,
      name: m.name,
      alt: m.alt,
      contentType: m.contentType,
      size: m.size,
      uploadedAt: m.createdAt
    })),
    organizedEvents: organized.map(({ event, address }) => ({
      organizer: usernameOf.get(event.organizerActorId),
      title: event.title,
      url: event.url,
      description: event.description,
      beginsOn: event.beginsOn,
      endsOn: event.endsOn,
      timezone: event.timezone,
      status: event.status,
      visibility: event.visibility,
      draft: event.draft,
      onlineAddress: event.onlineAddress,
      place: address
        ? {
            description: address.description,
            street: address.street,
            locality: address.locality,
            postalCode: address.postalCode,
            country: address.country
          }
        : null,
      createdAt: event.createdAt
    })),
    following: following.map((f) => ({
      profile: usernameOf.get(f.followerId),
      follows: f.target,
      approved: f.approved,
      since: f.since
    })),
    participations: participations.map((p) => ({
      profile: usernameOf.get(p.actorId),
      role: p.role,
      event: { title: p.title, url: p.url, beginsOn: p.beginsOn },
      since: p.since
    })),
    feedTokens: feeds
      .filter((f) => f.actorId === null || usernameOf.has(f.actorId))
      .map((f) => ({
        token: f.token,
        profile: f.actorId === null ? null : usernameOf.get(f.actorId),
        createdAt: f.createdAt
      })),
    followers: followers.map((f) => ({
      profile: usernameOf.get(f.targetId),
      follower: f.follower,
      approved: f.approved,
      since: f.since
    }))
  };
}

export type PersonalData = NonNullable<Awaited<ReturnType<typeof personalDataOf>>>;
