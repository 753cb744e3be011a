import { DomainError } from '../core/errors.ts';
import type { Actor } from '../db/schema/actors.ts';
import type { GraphQLContext } from './context.ts';
import { requireUser } from './guards.ts';

/**
 * The profile a signed-in person acts as when a mutation names none: their default profile
 * (Mobilizon's "current actor", which its client switches with `changeDefaultActor`).
 */
export async function currentProfile(ctx: GraphQLContext): Promise<Actor> {
  const user = requireUser(ctx);
  const profiles = await ctx.identities();
  const profile = profiles.find((p) => p.id === user.defaultActorId) ?? profiles[0];
  if (!profile) throw new DomainError('forbidden', 'Create a profile first', { field: 'actorId' });
  return profile;
}

/** The acting profile, as the domain takes it. */
export async function actingAs(ctx: GraphQLContext): Promise<{ userId: number; actorId: number }> {
  const profile = await currentProfile(ctx);
  return { userId: ctx.user!.id, actorId: profile.id };
}

/** The profile a mutation names, when it is the signed-in person's own; else the current one. */
export async function actingAsNamed(
  ctx: GraphQLContext,
  actorId: number | null
): Promise<{ userId: number; actorId: number }> {
  if (actorId === null) return actingAs(ctx);
  const user = requireUser(ctx);
  const own = (await ctx.identities()).some((p) => p.id === actorId);
  if (!own) throw new DomainError('forbidden', 'This profile is not yours', { field: 'actorId' });
  return { userId: user.id, actorId };
}

/** Who is looking: the person's profiles (to decide what a group shows them). */
export async function viewerProfiles(ctx: GraphQLContext): Promise<number[]> {
  return ctx.user ? (await ctx.identities()).map((a) => a.id) : [];
}
