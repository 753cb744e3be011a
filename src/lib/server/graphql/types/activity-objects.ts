import type { GroupActivity } from '../../db/schema/groups.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';

type ActivityKind = GroupActivity['type'];
type Loader = (ctx: GraphQLContext, objectId: number) => Promise<object | null | undefined>;

/** Which GraphQL type answers for each object, remembered when the object is loaded. */
const typeOfObject = new WeakMap<object, string>();
const loaders = new Map<ActivityKind, { typeName: string; load: Loader }>();

/** What a line of a group's history is about (Mobilizon's ActivityObject). */
export const ActivityObject = builder.interfaceRef<object>('ActivityObject').implement({
  resolveType: (value) => typeOfObject.get(value) ?? null,
  fields: (t) => ({ id: t.id({ resolve: (o) => (o as { id: number }).id }) })
});

type ObjectTypeRef<T> = { name: string; $inferType: T; addInterfaces(interfaces: (typeof ActivityObject)[]): void };

/** Makes a type an ActivityObject (Mobilizon's list), whether or not history lines load it. */
export function implementsActivityObject<T extends object>(ref: ObjectTypeRef<T>): void {
  ref.addInterfaces([ActivityObject]);
}

/**
 * Makes a type an ActivityObject and tells how to load the objects of one kind of history line
 * (by the line's `objectId`); one call per type, from the file that defines it, e.g.
 * `registerActivityObject(Post, 'post', (ctx, id) => postLoader(ctx).load(id))`.
 */
export function registerActivityObject<T extends object>(
  ref: ObjectTypeRef<T>,
  kind: ActivityKind,
  load: (ctx: GraphQLContext, objectId: number) => Promise<T | null | undefined>
): void {
  implementsActivityObject(ref);
  loaders.set(kind, { typeName: ref.name, load });
}

/** The object a history line speaks of, while it still exists. */
export async function loadActivityObject(ctx: GraphQLContext, line: GroupActivity): Promise<object | null> {
  const loader = loaders.get(line.type);
  if (!loader || line.objectId === null) return null;
  const object = await loader.load(ctx, line.objectId);
  if (!object) return null;
  typeOfObject.set(object, loader.typeName);
  return object;
}
