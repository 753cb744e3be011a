import type { Actor } from '../../db/schema/actors.ts';
import { isMemberRole, type GroupContentCollection } from '../../domain/groups/index.ts';
import { COLLECTION_PAGE_SIZE, orderedCollection, orderedCollectionPage } from '../converters/collection.ts';
import { MOBILIZON_CONTEXT } from '../converters/context.ts';
import { eventToAp } from '../converters/event.ts';
import { groupToAp, type GroupCollectionUrls } from '../converters/group.ts';
import { groupApInput, groupCollectionUrlsOf } from '../group-document.ts';
import { groupContentItems } from './group-content-items.ts';
import { memberToAp } from '../converters/member.ts';
import { eventApInput } from '../event-document.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { activityJson, wantsActivityJson } from '../negotiation.ts';
import { SerializedCache } from '../serialized-cache.ts';

const GROUP_PATH = /^\/@([a-z0-9_]+)(?:\/(members|events|posts|discussions|resources|todos))?\/?$/i;
const MEMBER_PATH = /^\/member\/([0-9a-f-]{36})\/?$/i;
const COUNTED = ['member', 'moderator', 'administrator', 'creator'] as const;

/** Who signed a GET (the key owner's actor URL, the key checked against its owner), or null. */
export type SignedFetcher = (request: Request) => Promise<string | null>;

const refused = (status: 401 | 403) =>
  new Response(status === 401 ? 'Sign the request as a member of this group.\n' : 'Members only.\n', {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', vary: 'Accept, Signature' }
  });

/**
 * A local group's ActivityPub documents in Mobilizon's shape: the Group actor, its collections
 * (members, events, posts, discussions, resources, todos; 10 a page) and its Member objects.
 * Members, discussions, resources, todos, private posts and Member objects are shown only to a
 * signed fetch whose key's owner is a member now: membership is read for every request, never
 * cached, so someone removed loses access at once (documents are cached, access is not).
 */
export function createGroupDocumentRoutes(fed: FederationModuleContext, signedBy: SignedFetcher) {
  const cache = new SerializedCache();
  const { queries } = fed.services;
  const { publicUrl } = fed.config;

  const collectionUrls = groupCollectionUrlsOf;

  async function actorDocument(group: Actor): Promise<Response> {
    const memberCount = (await queries.groups.memberCounts([group.id])).get(group.id) ?? 0;
    const body = await cache.get(`group:${group.id}`, `${group.updatedAt.toISOString()}:${memberCount}`, async () =>
      JSON.stringify(groupToAp(await groupApInput(fed.services, publicUrl, group, memberCount)))
    );
    return activityJson(body);
  }

  /** Whether the signer of the request is a member (in full) of the group now. */
  async function signerIsMember(request: Request, group: Actor): Promise<'member' | 401 | 403> {
    const owner = await signedBy(request);
    if (!owner) return 401;
    const actor = await queries.actors.byApId(owner);
    if (!actor || actor.suspended || actor.deletedAt) return 403;
    return isMemberRole(await queries.groups.roleOf(group.id, actor.id)) ? 'member' : 403;
  }

  const pageOf = (url: URL) => {
    const requested = url.searchParams.get('page');
    const page = requested === null ? 1 : Math.max(1, Math.min(100_000, Math.trunc(Number(requested)) || 1));
    return { page, asPage: requested !== null, offset: (page - 1) * COLLECTION_PAGE_SIZE };
  };

  function collectionResponse(
    id: string,
    group: Actor,
    at: ReturnType<typeof pageOf>,
    totalItems: number,
    items: unknown[]
  ) {
    const input = { id, attributedTo: group.apId, page: at.page, totalItems, items };
    return activityJson(JSON.stringify(at.asPage ? orderedCollectionPage(input) : orderedCollection(input)));
  }

  async function collection(request: Request, group: Actor, name: string, url: URL): Promise<Response> {
    const id = collectionUrls(group)[name as keyof GroupCollectionUrls];
    const at = pageOf(url);
    if (name === 'events') {
      const page = await queries.groups.events(group.id, {
        asMember: false,
        orderBy: 'beginsOn',
        direction: 'desc',
        page: at.page,
        limit: COLLECTION_PAGE_SIZE
      });
      const items = await Promise.all(
        page.elements
          .filter((e) => e.local)
          .map(async (e) => {
            const { '@context': _context, ...event } = eventToAp(await eventApInput(fed.services, publicUrl, e));
            return event;
          })
      );
      return collectionResponse(id, group, at, page.total, items);
    }
    // Posts: the public ones for anyone, all of them to members; the rest to members only.
    const access = await signerIsMember(request, group);
    if (name !== 'posts' && access !== 'member') return refused(access);
    if (name === 'members') {
      const page = await queries.groups.membersOf(group.id, {
        roles: [...COUNTED],
        page: at.page,
        limit: COLLECTION_PAGE_SIZE
      });
      const actors = await queries.actors.byIds([...new Set(page.elements.map((m) => m.actorId))]);
      const apIdOf = new Map(actors.map((a) => [a.id, a.apId]));
      const items = page.elements.flatMap((m) => {
        const actor = apIdOf.get(m.actorId);
        return actor ? [memberToAp({ id: m.apId, actor, group: group.apId, role: m.role })] : [];
      });
      return collectionResponse(id, group, at, page.total, items);
    }
    const content = await queries.groups.contentPage(group.id, name as GroupContentCollection, {
      withPrivate: access === 'member',
      offset: at.offset,
      limit: COLLECTION_PAGE_SIZE
    });
    const items = await groupContentItems(fed, group, name as GroupContentCollection, content.apIds);
    return collectionResponse(id, group, at, content.total, items);
  }

  /** A Member object, to members of its group only (Mobilizon's `/member/<uuid>`). */
  async function memberDocument(request: Request, uuid: string): Promise<Response | undefined> {
    const member = await queries.groups.memberByApId(`${publicUrl}/member/${uuid}`);
    if (!member) return undefined;
    const [group, actor] = await Promise.all([
      queries.groups.byId(member.groupId),
      queries.actors.byId(member.actorId)
    ]);
    if (!group || group.domain !== null || !actor) return undefined;
    const access = await signerIsMember(request, group);
    if (access !== 'member') return refused(access);
    const object = memberToAp({ id: member.apId, actor: actor.apId, group: group.apId, role: member.role });
    return activityJson(JSON.stringify({ '@context': MOBILIZON_CONTEXT, ...object }));
  }

  return async function handleGroupDocuments(request: Request): Promise<Response | undefined> {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !wantsActivityJson(request)) return undefined;
    const url = new URL(request.url);
    const member = MEMBER_PATH.exec(url.pathname);
    if (member?.[1]) return memberDocument(request, member[1].toLowerCase());
    const match = GROUP_PATH.exec(url.pathname);
    if (!match?.[1]) return undefined;
    const actor = await queries.actors.localByUsername(match[1]);
    if (actor?.type !== 'Group' || actor.suspended) return undefined;
    return match[2] ? collection(request, actor, match[2].toLowerCase(), url) : actorDocument(actor);
  };
}
