import { MOBILIZON_CONTEXT } from './context.ts';

/** Items per collection page, as Mobilizon pages them. */
export const COLLECTION_PAGE_SIZE = 10;

export interface CollectionPageInput {
  /** The collection's URL; pages are `<id>?page=N`, from 1. */
  id: string;
  attributedTo: string;
  page: number;
  totalItems: number;
  items: readonly unknown[];
}

/** One page of an OrderedCollection in Mobilizon's shape (`next` only when there is a next page). */
export function orderedCollectionPage(input: CollectionPageInput, withContext = true): Record<string, unknown> {
  const page: Record<string, unknown> = {
    ...(withContext ? { '@context': MOBILIZON_CONTEXT } : {}),
    id: `${input.id}?page=${input.page}`,
    attributedTo: input.attributedTo,
    type: 'OrderedCollectionPage',
    partOf: input.id,
    orderedItems: [...input.items]
  };
  if (input.page * COLLECTION_PAGE_SIZE < input.totalItems) page.next = `${input.id}?page=${input.page + 1}`;
  if (input.page > 1) page.prev = `${input.id}?page=${input.page - 1}`;
  return page;
}

/** The collection itself, with its first page embedded. */
export function orderedCollection(first: CollectionPageInput): Record<string, unknown> {
  return {
    '@context': MOBILIZON_CONTEXT,
    id: first.id,
    attributedTo: first.attributedTo,
    type: 'OrderedCollection',
    totalItems: first.totalItems,
    first: orderedCollectionPage(first, false)
  };
}
