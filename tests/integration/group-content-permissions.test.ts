import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { diffSnapshots, snapshotDatabase } from '../helpers/db-snapshot.ts';
import { CREATE, DELETE, ONE, RENAME, REPLY, LIST as DISCUSSIONS } from '../helpers/discussions.ts';
import {
  anonymousQuery,
  groupBy,
  person,
  personIn,
  POSITIONS,
  type Position,
  type Query,
  type TestPerson
} from '../helpers/groups.ts';
import type { GraphQLResponse } from '../helpers/graphql.ts';

/**
 * The permission matrix of a group's content: for each action on its events, posts, discussions,
 * resources, todos and timeline, exactly which of anonymous, non-member, follower, member,
 * moderator and administrator may do it, through the API as a client calls it. An allowed write
 * answers without error and its effect shows when the administrator reads again; a refused one
 * answers the expected error and changes no row of the database. An allowed read shows the content;
 * a refused one answers the expected error, or an empty page ("empty").
 */

type Cell = 'ok' | 'empty' | 'unauthenticated' | 'unauthorized' | 'not_found';
type Cells = readonly [Cell, Cell, Cell, Cell, Cell, Cell];

// Written out by hand (Mobilizon's table) rather than computed from GROUP_PERMISSIONS, so that a
// change to the domain's table shows here. A discussion is hidden from whoever is not a member:
// acting on it answers not_found, as reading it does. "empty": a page without the content.
// prettier-ignore
const MATRIX = {
  //                                          anonymous          nonMember       follower        member          moderator administrator
  'create a group event':                   ['unauthenticated', 'unauthorized', 'unauthorized', 'unauthorized', 'ok',     'ok'],
  'update a group event':                   ['unauthenticated', 'unauthorized', 'unauthorized', 'unauthorized', 'ok',     'ok'],
  'delete a group event':                   ['unauthenticated', 'unauthorized', 'unauthorized', 'unauthorized', 'ok',     'ok'],
  'see a draft group event':                ['not_found',       'not_found',    'not_found',    'ok',           'ok',     'ok'],
  "list the group's events (a draft)":      ['empty',           'empty',        'empty',        'ok',           'ok',     'ok'],
  'create a post':                          ['unauthenticated', 'unauthorized', 'unauthorized', 'unauthorized', 'ok',     'ok'],
  'update a post':                          ['unauthenticated', 'unauthorized', 'unauthorized', 'unauthorized', 'ok',     'ok'],
  'delete a post':                          ['unauthenticated', 'unauthorized', 'unauthorized', 'unauthorized', 'ok',     'ok'],
  'read a members-only post':               ['not_found',       'not_found',    'not_found',    'ok',           'ok',     'ok'],
  "list the group's posts (a private one)": ['empty',           'empty',        'empty',        'ok',           'ok',     'ok'],
  'create a discussion':                    ['unauthenticated', 'unauthorized', 'unauthorized', 'ok',           'ok',     'ok'],
  'reply to a discussion':                  ['unauthenticated', 'not_found',    'not_found',    'ok',           'ok',     'ok'],
  'rename a discussion':                    ['unauthenticated', 'not_found',    'not_found',    'unauthorized', 'ok',     'ok'],
  'delete a discussion':                    ['unauthenticated', 'not_found',    'not_found',    'unauthorized', 'ok',     'ok'],
  'read a discussion':                      ['not_found',       'not_found',    'not_found',    'ok',           'ok',     'ok'],
  "list the group's discussions":           ['empty',           'empty',        'empty',        'ok',           'ok',     'ok'],
  'create a resource':                      ['unauthenticated', 'unauthorized', 'unauthorized', 'ok',           'ok',     'ok'],
  'update a resource':                      ['unauthenticated', 'unauthorized', 'unauthorized', 'ok',           'ok',     'ok'],
  'delete a resource':                      ['unauthenticated', 'unauthorized', 'unauthorized', 'ok',           'ok',     'ok'],
  "list the group's resources":             ['empty',           'empty',        'empty',        'ok',           'ok',     'ok'],
  'create a todo list':                     ['unauthenticated', 'unauthorized', 'unauthorized', 'ok',           'ok',     'ok'],
  'create a todo':                          ['unauthenticated', 'unauthorized', 'unauthorized', 'ok',           'ok',     'ok'],
  'update a todo':                          ['unauthenticated', 'unauthorized', 'unauthorized', 'ok',           'ok',     'ok'],
  "read the group's todo lists":            ['empty',           'empty',        'empty',        'ok',           'ok',     'ok'],
  "read the group's timeline":              ['unauthenticated', 'unauthorized', 'unauthorized', 'ok',           'ok',     'ok']
} as const satisfies Record<string, Cells>;
type ActionName = keyof typeof MATRIX;

let t: TestApp;
let group: Actor;
let people: Record<Exclude<Position, 'anonymous'>, TestPerson>;
/** Each position's client, and the administrator's (who re-reads what a call did). */
let as: Record<Position, Query>;
let admin: Query;
/**
 * Who makes the content the rows act on: a moderator outside the columns, so that no column is
 * the content's creator (a member may rename the discussion they started).
 */
let author: TestPerson;

beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
  group = await groupBy(t.app, await person(t.app), { name: 'Allotment society' });
  people = {
    nonMember: await personIn(t.app, group, 'nonMember'),
    follower: await personIn(t.app, group, 'follower'),
    member: await personIn(t.app, group, 'member'),
    moderator: await personIn(t.app, group, 'moderator'),
    administrator: await personIn(t.app, group, 'administrator')
  };
  as = {
    anonymous: anonymousQuery(t.app),
    nonMember: people.nonMember.client.query,
    follower: people.follower.client.query,
    member: people.member.client.query,
    moderator: people.moderator.client.query,
    administrator: people.administrator.client.query
  };
  admin = as.administrator;
  author = await personIn(t.app, group, 'moderator');
});
afterAll(() => t?.stop());

type Response = GraphQLResponse<unknown>;
/** What a row does and how to see its effect, over the content it made once for the row. */
interface Row {
  kind: 'write' | 'read';
  run: (q: Query, who: Position) => Promise<Response>;
  /** A write: the effect of `who`'s call shows. A read: the answer shows the content. */
  visible: (who: Position, res: Response) => Promise<boolean>;
}

/** The data of an answer that must have succeeded (setup and re-reads). */
async function data<T>(pending: Promise<GraphQLResponse<T>>): Promise<T> {
  const res = await pending;
  if (res.errors || !res.data) throw new Error(JSON.stringify(res.errors));
  return res.data;
}
/** One piece of content per position, made for a row whose cells each consume one (deletes). */
async function onePer<T>(make: (who: Position) => Promise<T>): Promise<Record<Position, T>> {
  const made = {} as Record<Position, T>;
  for (const who of POSITIONS) made[who] = await make(who);
  return made;
}
const byWho = (what: string, who: Position) => `${what} by the ${who}`;
const profileOf = (who: Position) => String(people[who === 'anonymous' ? 'nonMember' : who].profile.id);

// Events
const CREATE_EVENT = `mutation($organizerActorId: ID!, $attributedToId: ID, $title: String!, $draft: Boolean) {
  createEvent(organizerActorId: $organizerActorId, attributedToId: $attributedToId, title: $title,
    description: "<p>Bring gloves</p>", beginsOn: "2036-05-01T10:00:00Z", draft: $draft) { id uuid } }`;
const UPDATE_EVENT = `mutation($eventId: ID!, $title: String) { updateEvent(eventId: $eventId, title: $title) { id } }`;
const DELETE_EVENT = `mutation($eventId: ID!) { deleteEvent(eventId: $eventId) { id } }`;
const EVENT = `query($uuid: UUID!) { event(uuid: $uuid) { id title } }`;
const EVENT_TITLES = `query($name: String!) { group(preferredUsername: $name) {
  organizedEvents(limit: 100) { elements { title } } } }`;

type EventRef = { id: string; uuid: string };
const groupEvent = async (title: string, draft = false): Promise<EventRef> =>
  (
    await data(
      author.client.query<{ createEvent: EventRef }>(CREATE_EVENT, {
        organizerActorId: String(author.profile.id),
        attributedToId: String(group.id),
        title,
        draft
      })
    )
  ).createEvent;
const eventTitle = async (uuid: string) =>
  (await admin<{ event: { title: string } | null }>(EVENT, { uuid })).data?.event?.title ?? null;
type EventTitles = { group: { organizedEvents: { elements: { title: string }[] } } };
const eventTitles = async () =>
  (await data(admin<EventTitles>(EVENT_TITLES, { name: group.preferredUsername }))).group.organizedEvents.elements.map(
    (e) => e.title
  );

// Posts
const CREATE_POST = `mutation($attributedToId: ID!, $title: String!, $visibility: PostVisibility) {
  createPost(attributedToId: $attributedToId, title: $title, body: "<p>News</p>", visibility: $visibility) { id slug } }`;
const UPDATE_POST = `mutation($id: ID!, $title: String) { updatePost(id: $id, title: $title) { id } }`;
const DELETE_POST = `mutation($id: ID!) { deletePost(id: $id) { id } }`;
const POST = `query($slug: String!) { post(slug: $slug) { id title } }`;
const POST_TITLES = `query($name: String!) { group(preferredUsername: $name) { posts(limit: 100) { elements { title } } } }`;

type PostRef = { id: string; slug: string };
const groupPost = async (title: string, visibility = 'PUBLIC'): Promise<PostRef> =>
  (
    await data(
      author.client.query<{ createPost: PostRef }>(CREATE_POST, { attributedToId: group.id, title, visibility })
    )
  ).createPost;
type PostTitles = { group: { posts: { elements: { title: string }[] } } };
const postTitles = async () =>
  (await data(admin<PostTitles>(POST_TITLES, { name: group.preferredUsername }))).group.posts.elements.map(
    (p) => p.title
  );

// Discussions
type DiscussionRef = { id: string; slug: string };
type Discussions = { group: { discussions: { elements: { id: string; title: string }[] } } };
type Thread = { title: string; comments: { elements: { text: string }[] } } | null;
const discussion = async (title: string): Promise<DiscussionRef> =>
  (
    await data(
      author.client.query<{ createDiscussion: DiscussionRef }>(CREATE, {
        title,
        text: '<p>Who waters?</p>',
        actorId: group.id
      })
    )
  ).createDiscussion;
const thread = async (id: string): Promise<Thread> =>
  (await admin<{ discussion: Thread }>(ONE, { id, limit: 100 })).data?.discussion ?? null;

// Resources
const CREATE_RESOURCE = `mutation($actorId: ID!, $title: String!) {
  createResource(actorId: $actorId, title: $title, type: "folder") { id title } }`;
const UPDATE_RESOURCE = `mutation($id: ID!, $title: String) { updateResource(id: $id, title: $title) { id } }`;
const DELETE_RESOURCE = `mutation($id: ID!) { deleteResource(id: $id) { id } }`;
const RESOURCES = `query($name: String!) { group(preferredUsername: $name) {
  resources(limit: 100) { total elements { title } } } }`;

type Resources = { group: { resources: { total: number; elements: { title: string }[] } } };
const resource = async (title: string) =>
  (await data(author.client.query<{ createResource: { id: string } }>(CREATE_RESOURCE, { actorId: group.id, title })))
    .createResource;
const titlesIn = (res: GraphQLResponse<Resources> | Response) =>
  (res as GraphQLResponse<Resources>).data?.group.resources.elements.map((r) => r.title) ?? [];
const resourceTitles = async () => titlesIn(await admin<Resources>(RESOURCES, { name: group.preferredUsername }));

// Todos
const CREATE_LIST = `mutation($title: String!, $groupId: ID!) { createTodoList(title: $title, groupId: $groupId) { id } }`;
const CREATE_TODO = `mutation($todoListId: ID!, $title: String!) { createTodo(todoListId: $todoListId, title: $title) { id } }`;
const UPDATE_TODO = `mutation($id: ID!, $title: String) { updateTodo(id: $id, title: $title) { id } }`;
const TODO = `query($id: ID!) { todo(id: $id) { id title } }`;
const TODO_LISTS = `query($name: String!) { group(preferredUsername: $name) {
  todoLists(limit: 100) { total elements { id title todos(limit: 100) { elements { title } } } } } }`;

type TodoLists = {
  group: {
    todoLists: { total: number; elements: { id: string; title: string; todos: { elements: { title: string }[] } }[] };
  };
};
const todoList = async (title: string) =>
  (await data(author.client.query<{ createTodoList: { id: string } }>(CREATE_LIST, { title, groupId: group.id })))
    .createTodoList.id;
const todoLists = async (q: Query = admin) => q<TodoLists>(TODO_LISTS, { name: group.preferredUsername });

// The timeline
const TIMELINE = `query($name: String!) { group(preferredUsername: $name) { activity(limit: 100) {
  total elements { subject subjectParams { key value } } } } }`;
type Timeline = { group: { activity: { total: number; elements: { subject: string }[] } | null } };

const ROWS: Record<ActionName, () => Promise<Row>> = {
  'create a group event': async () => ({
    kind: 'write',
    run: (q, who) =>
      q(CREATE_EVENT, {
        organizerActorId: profileOf(who),
        attributedToId: String(group.id),
        title: byWho('Event', who)
      }),
    visible: async (who) => (await eventTitles()).includes(byWho('Event', who))
  }),
  'update a group event': async () => {
    const event = await groupEvent('Planting day');
    return {
      kind: 'write',
      run: (q, who) => q(UPDATE_EVENT, { eventId: event.id, title: byWho('Renamed', who) }),
      visible: async (who) => (await eventTitle(event.uuid)) === byWho('Renamed', who)
    };
  },
  'delete a group event': async () => {
    const events = await onePer((who) => groupEvent(`Event for the ${who}`));
    return {
      kind: 'write',
      run: (q, who) => q(DELETE_EVENT, { eventId: events[who].id }),
      visible: async (who) => (await eventTitle(events[who].uuid)) === null
    };
  },
  'see a draft group event': async () => {
    const draft = await groupEvent('Draft harvest', true);
    return {
      kind: 'read',
      run: (q) => q(EVENT, { uuid: draft.uuid }),
      visible: async (_who, res) => (res.data as { event?: { id: string } } | null)?.event?.id === draft.id
    };
  },
  "list the group's events (a draft)": async () => {
    await groupEvent('Draft market', true);
    return {
      kind: 'read',
      run: (q) => q(EVENT_TITLES, { name: group.preferredUsername }),
      visible: async (_who, res) =>
        (res as GraphQLResponse<EventTitles>).data?.group.organizedEvents.elements.some(
          (e) => e.title === 'Draft market'
        ) ?? false
    };
  },
  'create a post': async () => ({
    kind: 'write',
    run: (q, who) => q(CREATE_POST, { attributedToId: group.id, title: byWho('Post', who) }),
    visible: async (who) => (await postTitles()).includes(byWho('Post', who))
  }),
  'update a post': async () => {
    const post = await groupPost('Seed swap');
    return {
      kind: 'write',
      run: (q, who) => q(UPDATE_POST, { id: post.id, title: byWho('Renamed post', who) }),
      visible: async (who) => (await postTitles()).includes(byWho('Renamed post', who))
    };
  },
  'delete a post': async () => {
    const posts = await onePer((who) => groupPost(`Post for the ${who}`));
    return {
      kind: 'write',
      run: (q, who) => q(DELETE_POST, { id: posts[who].id }),
      visible: async (who) => (await admin(POST, { slug: posts[who].slug })).errors?.[0]?.code === 'not_found'
    };
  },
  'read a members-only post': async () => {
    const post = await groupPost('Members news', 'PRIVATE');
    return {
      kind: 'read',
      run: (q) => q(POST, { slug: post.slug }),
      visible: async (_who, res) => (res.data as { post?: { id: string } } | null)?.post?.id === post.id
    };
  },
  "list the group's posts (a private one)": async () => {
    await groupPost('Members minutes', 'PRIVATE');
    return {
      kind: 'read',
      run: (q) => q(POST_TITLES, { name: group.preferredUsername }),
      visible: async (_who, res) =>
        (res as GraphQLResponse<PostTitles>).data?.group.posts.elements.some((p) => p.title === 'Members minutes') ??
        false
    };
  },
  'create a discussion': async () => ({
    kind: 'write',
    run: (q, who) => q(CREATE, { title: byWho('Thread', who), text: '<p>Hello</p>', actorId: group.id }),
    visible: async (who) => {
      const list = await data(admin<Discussions>(DISCUSSIONS, { name: group.preferredUsername, limit: 100 }));
      return list.group.discussions.elements.some((d) => d.title === byWho('Thread', who));
    }
  }),
  'reply to a discussion': async () => {
    const d = await discussion('Watering rota');
    return {
      kind: 'write',
      run: (q, who) => q(REPLY, { discussionId: d.id, text: `<p>${byWho('Reply', who)}</p>` }),
      visible: async (who) =>
        (await thread(d.id))?.comments.elements.some((c) => c.text === `<p>${byWho('Reply', who)}</p>`) ?? false
    };
  },
  'rename a discussion': async () => {
    const d = await discussion('Compost');
    return {
      kind: 'write',
      run: (q, who) => q(RENAME, { discussionId: d.id, title: byWho('Renamed thread', who) }),
      visible: async (who) => (await thread(d.id))?.title === byWho('Renamed thread', who)
    };
  },
  'delete a discussion': async () => {
    const threads = await onePer((who) => discussion(`Thread for the ${who}`));
    return {
      kind: 'write',
      run: (q, who) => q(DELETE, { discussionId: threads[who].id }),
      visible: async (who) => (await thread(threads[who].id)) === null
    };
  },
  'read a discussion': async () => {
    const d = await discussion('Tool shed');
    return {
      kind: 'read',
      run: (q) => q(ONE, { id: d.id }),
      visible: async (_who, res) => (res.data as { discussion?: { id: string } } | null)?.discussion?.id === d.id
    };
  },
  "list the group's discussions": async () => {
    const d = await discussion('Bees');
    return {
      kind: 'read',
      run: (q) => q(DISCUSSIONS, { name: group.preferredUsername, limit: 100 }),
      visible: async (_who, res) =>
        (res as GraphQLResponse<Discussions>).data?.group.discussions.elements.some((x) => x.id === d.id) ?? false
    };
  },
  'create a resource': async () => ({
    kind: 'write',
    run: (q, who) => q(CREATE_RESOURCE, { actorId: group.id, title: byWho('Folder', who) }),
    visible: async (who) => (await resourceTitles()).includes(byWho('Folder', who))
  }),
  'update a resource': async () => {
    const folder = await resource('Plans');
    return {
      kind: 'write',
      run: (q, who) => q(UPDATE_RESOURCE, { id: folder.id, title: byWho('Renamed folder', who) }),
      visible: async (who) => (await resourceTitles()).includes(byWho('Renamed folder', who))
    };
  },
  'delete a resource': async () => {
    const folders = await onePer((who) => resource(`Folder for the ${who}`));
    return {
      kind: 'write',
      run: (q, who) => q(DELETE_RESOURCE, { id: folders[who].id }),
      visible: async (who) => !(await resourceTitles()).includes(`Folder for the ${who}`)
    };
  },
  "list the group's resources": async () => {
    await resource('Minutes');
    return {
      kind: 'read',
      run: (q) => q(RESOURCES, { name: group.preferredUsername }),
      visible: async (_who, res) => titlesIn(res).includes('Minutes')
    };
  },
  'create a todo list': async () => ({
    kind: 'write',
    run: (q, who) => q(CREATE_LIST, { title: byWho('List', who), groupId: group.id }),
    visible: async (who) =>
      (await data(todoLists())).group.todoLists.elements.some((l) => l.title === byWho('List', who))
  }),
  'create a todo': async () => {
    const list = await todoList('Spring jobs');
    return {
      kind: 'write',
      run: (q, who) => q(CREATE_TODO, { todoListId: list, title: byWho('Todo', who) }),
      visible: async (who) =>
        (await data(todoLists())).group.todoLists.elements
          .find((l) => l.id === list)!
          .todos.elements.some((x) => x.title === byWho('Todo', who))
    };
  },
  'update a todo': async () => {
    const list = await todoList('Summer jobs');
    const todo = (
      await data(author.client.query<{ createTodo: { id: string } }>(CREATE_TODO, { todoListId: list, title: 'Dig' }))
    ).createTodo;
    return {
      kind: 'write',
      run: (q, who) => q(UPDATE_TODO, { id: todo.id, title: byWho('Renamed todo', who) }),
      visible: async (who) =>
        (await admin<{ todo: { title: string } | null }>(TODO, { id: todo.id })).data?.todo?.title ===
        byWho('Renamed todo', who)
    };
  },
  "read the group's todo lists": async () => {
    const list = await todoList('Autumn jobs');
    return {
      kind: 'read',
      run: (q) => todoLists(q),
      visible: async (_who, res) =>
        (res as GraphQLResponse<TodoLists>).data?.group.todoLists.elements.some((l) => l.id === list) ?? false
    };
  },
  "read the group's timeline": async () => {
    await discussion('Timeline news');
    return {
      kind: 'read',
      run: (q) => q(TIMELINE, { name: group.preferredUsername }),
      visible: async (_who, res) =>
        (res as GraphQLResponse<Timeline>).data?.group.activity?.elements.some(
          (l) => l.subject === 'discussion_created'
        ) ?? false
    };
  }
};

describe('who may do what with a group’s content', () => {
  for (const name of Object.keys(MATRIX) as ActionName[]) {
    describe(name, () => {
      let row: Row;
      beforeAll(async () => {
        row = await ROWS[name]();
      });
      POSITIONS.forEach((who, column) => {
        const expected: Cell = MATRIX[name][column]!;
        it(`${expected === 'ok' ? 'allows' : 'refuses'} ${who} (${expected})`, async () => {
          const before = row.kind === 'write' ? await snapshotDatabase(t.app) : null;
          const res = await row.run(as[who], who);
          if (expected === 'ok' || expected === 'empty') expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
          else
            expect(
              res.errors?.map((e) => e.code),
              JSON.stringify(res.errors)
            ).toEqual([expected]);
          expect(await row.visible(who, res)).toBe(expected === 'ok');
          if (before && expected !== 'ok') expect(diffSnapshots(before, await snapshotDatabase(t.app))).toEqual([]);
        });
      });
    });
  }
});
