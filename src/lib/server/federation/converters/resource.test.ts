import { describe, expect, it } from 'vitest';
import type { Resource } from '../../db/schema/groups.ts';
import { resourceFromAp, resourceToAp, resourceTombstoneToAp } from './resource.ts';

const at = new Date('2030-05-01T10:00:00.000Z');
const row = (fields: Partial<Resource>): Resource => ({
  id: 7,
  uuid: '0b9f7c1e-5a4e-4a57-9a6a-0c8f0d3f3a11',
  apId: 'https://a.example/resource/0b9f7c1e-5a4e-4a57-9a6a-0c8f0d3f3a11',
  local: true,
  type: 'link',
  title: 'Minutes',
  summary: 'What we decided',
  resourceUrl: 'https://docs.example/minutes',
  metadata: {},
  path: '/Meetings/Minutes',
  groupId: 3,
  parentId: 6,
  creatorId: 2,
  publishedAt: at,
  createdAt: at,
  updatedAt: at,
  ...fields
});
const context = {
  creator: 'https://a.example/@rose',
  group: 'https://a.example/@garden',
  parent: 'https://a.example/resource/folder-uuid',
  membersUrl: 'https://a.example/@garden/members'
};

describe('Mobilizon’s resources (Document, ResourceCollection)', () => {
  it('writes a link as a Document in its folder, and reads it back', () => {
    const json = resourceToAp(row({}), context);
    expect(json).toMatchObject({
      type: 'Document',
      id: row({}).apId,
      actor: context.creator,
      attributedTo: context.group,
      name: 'Minutes',
      summary: 'What we decided',
      context: context.parent,
      url: 'https://docs.example/minutes',
      published: at.toISOString(),
      to: [context.membersUrl]
    });
    expect(resourceFromAp(json)).toEqual({
      apId: row({}).apId,
      type: 'link',
      title: 'Minutes',
      summary: 'What we decided',
      resourceUrl: 'https://docs.example/minutes',
      groupApId: context.group,
      contextApId: context.parent,
      creatorApId: context.creator,
      publishedAt: at
    });
  });

  it('writes a folder as a ResourceCollection without url, at the root in the resources collection', () => {
    const root = { ...context, parent: 'https://a.example/@garden/resources' };
    const json = resourceToAp(row({ type: 'folder', resourceUrl: null, summary: null }), root);
    expect(json.type).toBe('ResourceCollection');
    expect(json).not.toHaveProperty('url');
    expect(json.context).toBe(root.parent);
    expect(resourceFromAp(json)).toMatchObject({ type: 'folder', resourceUrl: null, summary: null });
  });

  it('reads attributedTo and url given as lists or objects, and a nameMap', () => {
    const json = {
      type: 'Document',
      id: 'https://b.example/resource/1',
      attributedTo: [{ id: context.group, type: 'Group' }],
      nameMap: { fr: 'Compte rendu' },
      url: [{ type: 'Link', href: 'https://docs.example/cr' }]
    };
    expect(resourceFromAp(json)).toMatchObject({
      title: 'Compte rendu',
      groupApId: context.group,
      resourceUrl: 'https://docs.example/cr',
      contextApId: null,
      creatorApId: null
    });
  });

  it('refuses other types, a missing group or name, and a Document without a web link', () => {
    const json = resourceToAp(row({}), context);
    expect(resourceFromAp({ ...json, type: 'Note' })).toBeNull();
    expect(resourceFromAp({ ...json, attributedTo: undefined })).toBeNull();
    expect(resourceFromAp({ ...json, name: '  ' })).toBeNull();
    expect(resourceFromAp({ ...json, url: 'javascript:alert(1)' })).toBeNull();
    expect(resourceFromAp({ ...json, url: undefined })).toBeNull();
  });

  it('writes the tombstone of a deleted folder', () => {
    expect(resourceTombstoneToAp(row({ type: 'folder' }), at)).toEqual({
      type: 'Tombstone',
      id: row({}).apId,
      formerType: 'ResourceCollection',
      deleted: at.toISOString()
    });
  });

  it('carries a link’s preview as a Page, and reads it back (no embed HTML)', () => {
    const metadata = {
      type: 'link',
      title: 'Spring fair',
      description: 'Who brings what',
      imageRemoteUrl: 'https://docs.example/fair.png',
      width: 640,
      height: 480,
      faviconUrl: 'https://docs.example/favicon.png',
      providerName: 'Docs',
      providerUrl: 'https://docs.example/',
      authorName: 'Rose',
      authorUrl: 'https://docs.example/rose',
      html: '<iframe src="https://docs.example/embed"></iframe>'
    };
    const json = resourceToAp(row({ metadata }), context);
    expect(json.preview).toEqual({
      type: 'Page',
      name: 'Spring fair',
      summary: 'Who brings what',
      image: { type: 'Image', url: 'https://docs.example/fair.png', width: 640, height: 480 },
      icon: { type: 'Image', url: 'https://docs.example/favicon.png' },
      generator: { type: 'Service', name: 'Docs', url: 'https://docs.example/' },
      attributedTo: { type: 'Person', name: 'Rose', url: 'https://docs.example/rose' },
      previewType: 'link'
    });
    const { html: _html, ...carried } = metadata;
    expect(resourceFromAp(json)?.metadata).toEqual(carried);
    expect(resourceToAp(row({}), context)).not.toHaveProperty('preview');
    const folder = resourceToAp(row({ type: 'folder', resourceUrl: null, metadata }), context);
    expect(folder).not.toHaveProperty('preview');
    expect(resourceFromAp({ ...folder, preview: json.preview })?.metadata).toBeUndefined();
  });
});
