import SchemaBuilder from '@pothos/core';
import type { UploadedFile } from '../domain/media/index.ts';
import type { GraphQLContext } from './context.ts';

export type Scalars = {
  ID: { Input: string; Output: string | number };
  DateTime: { Input: Date; Output: Date | string };
  NaiveDateTime: { Input: Date; Output: Date };
  UUID: { Input: string; Output: string };
  Point: { Input: string; Output: string };
  Timezone: { Input: string | null; Output: string };
  Upload: { Input: UploadedFile; Output: never };
};

/** Pothos 4 makes fields nullable by default, as Mobilizon's schema leaves almost every field. */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  Scalars: Scalars;
}>({});

builder.queryType({ name: 'RootQueryType' });
builder.mutationType({ name: 'RootMutationType' });
builder.subscriptionType({ name: 'RootSubscriptionType' });
