import { describe, expect, it } from 'vitest';
import { groupToAp, remoteGroupFromAp, type GroupDocumentInput } from './group.ts';
import { memberReferenceFromAp } from './member-activities.ts';

const id = 'https://a.example/@jardin';
const collections = {
  members: `${id}/members`,
  resources: `${id}/resources`,
  todos: `${id}/todos`,
  posts: `${id}/posts`,
  events: `${id}/events`,
  discussions: `${id}/discussions`
};
const input: GroupDocumentInput = {
  apId: id,
  url: id,
  preferredUsername: 'jardin',
  name: null,
  summary: null,
  inbox: `${id}/inbox`,
  sharedInbox: 'https://a.example/inbox',
  outbox: `${id}/outbox`,
  followers: `${id}/followers`,
  following: `${id}/following`,
  collections,
  discoverable: false,
  openness: 'open',
  manuallyApprovesFollowers: true,
  memberCount: 3,
  publicKeyPem: 'PEM',
  icon: { url: 'https://a.example/media/1.png', mediaType: 'image/png' },
  image: null,
  location: null
};

describe('the Group actor', () => {
  it('is written in Mobilizon’s shape and read back', () => {
    const doc = groupToAp(input);
    expect(doc).toMatchObject({
      type: 'Group',
      name: 'jardin',
      summary: '',
      ...collections,
      endpoints: { sharedInbox: 'https://a.example/inbox', ...collections },
      openness: 'open',
      memberCount: 3,
      publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: 'PEM' },
      icon: { type: 'Image', mediaType: 'image/png', url: 'https://a.example/media/1.png' }
    });
    expect(doc).not.toHaveProperty('image');
    expect(doc).not.toHaveProperty('location');
    expect(remoteGroupFromAp(doc)).toEqual({
      membersUrl: collections.members,
      resourcesUrl: collections.resources,
      todosUrl: collections.todos,
      postsUrl: collections.posts,
      eventsUrl: collections.events,
      discussionsUrl: collections.discussions,
      openness: 'open',
      memberCount: 3,
      discoverable: false
    });
  });

  it('takes collections from endpoints, prefixed openness, and refuses what is not Mobilizon’s', () => {
    const read = remoteGroupFromAp({
      endpoints: { members: collections.members, posts: 'javascript:alert(1)' },
      openness: 'mz:moderated',
      memberCount: -4
    });
    expect(read).toMatchObject({
      membersUrl: collections.members,
      postsUrl: null,
      openness: 'moderated',
      memberCount: null
    });
    expect(remoteGroupFromAp({ openness: 'everyone' }).openness).toBe('invite_only');
  });
});

describe('references to a membership', () => {
  it('names the membership and the profile of an embedded Join, Invite or Member', () => {
    const join = {
      object: { type: 'Join', id: 'https://b.example/member/1', actor: 'https://b.example/@bea', object: id }
    };
    expect(memberReferenceFromAp(join)).toMatchObject({
      id: 'https://b.example/member/1',
      group: id,
      actor: 'https://b.example/@bea'
    });
    const invite = {
      object: { type: 'Invite', id: 'https://a.example/member/2', object: id, target: 'https://b.example/@bea' }
    };
    expect(memberReferenceFromAp(invite)).toMatchObject({ group: id, actor: 'https://b.example/@bea' });
    expect(memberReferenceFromAp({ object: 'https://a.example/member/3' })).toMatchObject({
      id: 'https://a.example/member/3',
      member: null
    });
  });
});
