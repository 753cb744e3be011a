import { and, eq, ne, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { resources, type Resource } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';

/** Where a resource sits: its folder's path, then its title (`/Folder/Sub/Title`). */
export const pathIn = (parent: Pick<Resource, 'path'> | null, title: string): string =>
  `${parent ? parent.path : ''}/${title}`;

export async function loadResource(tx: Transaction, id: number, lock = false): Promise<Resource> {
  const query = tx.db.select().from(resources).where(eq(resources.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new DomainError('not_found', 'Resource not found', { field: 'id' });
  return row;
}

/** The folder of the group a resource goes into; null for the group's root. */
export async function loadFolder(tx: Transaction, groupId: number, parentId: number | null): Promise<Resource | null> {
  if (parentId === null) return null;
  const [folder] = await tx.db
    .select()
    .from(resources)
    .where(and(eq(resources.id, parentId), eq(resources.groupId, groupId)));
  if (!folder) throw new DomainError('not_found', 'Folder not found', { field: 'parentId' });
  if (folder.type !== 'folder') throw new DomainError('validation', 'This is not a folder', { field: 'parentId' });
  return folder;
}

/** Whether `folderId` is `resourceId` itself or one of its descendants (a move there would loop). */
export async function isWithin(tx: Transaction, folderId: number, resourceId: number): Promise<boolean> {
  const result = await tx.db.execute<{ found: boolean }>(sql`
    with recursive up(id, parent_id) as (
      select id, parent_id from ${resources} where id = ${folderId}
      union
      select r.id, r.parent_id from ${resources} r join up on r.id = up.parent_id
    )
    select exists(select 1 from up where id = ${resourceId}) as found`);
  return result.rows[0]?.found === true;
}

/** Two folders of a group never share a path: a path names one folder. */
export async function requireFreeFolderPath(
  tx: Transaction,
  groupId: number,
  path: string,
  exceptId: number | null
): Promise<void> {
  const [taken] = await tx.db
    .select({ id: resources.id })
    .from(resources)
    .where(
      and(
        eq(resources.groupId, groupId),
        eq(resources.type, 'folder'),
        eq(resources.path, path),
        exceptId === null ? undefined : ne(resources.id, exceptId)
      )
    )
    .limit(1);
  if (taken)
    throw new DomainError('conflict', 'A folder of this name is already there', {
      field: 'title',
      reason: 'taken'
    });
}

/** After a folder moved or was renamed, everything inside it takes its new path. */
export async function rewriteDescendantPaths(
  tx: Transaction,
  folderId: number,
  oldPath: string,
  newPath: string
): Promise<void> {
  if (oldPath === newPath) return;
  await tx.db.execute(sql`
    with recursive down(id) as (
      select id from ${resources} where parent_id = ${folderId}
      union
      select r.id from ${resources} r join down on r.parent_id = down.id
    )
    update ${resources} set path = ${newPath}::text || substr(path, length(${oldPath}::text) + 1)
    where id in (select id from down) and left(path, length(${oldPath}::text) + 1) = ${oldPath}::text || '/'`);
}
