import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import { formatError } from './errors.ts';

const Person = new GraphQLObjectType({
  name: 'Person',
  isTypeOf: (value: { type?: string }) => value.type === 'Person',
  fields: { name: { type: GraphQLString } }
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      wrongRow: { type: Person, resolve: () => ({ type: 'Application', privateKeyPem: 'SECRET KEY' }) },
      refused: {
        type: GraphQLString,
        resolve: () => {
          throw new DomainError('forbidden', 'Only organizers may do this');
        }
      },
      lastAdministrator: {
        type: GraphQLString,
        resolve: () => {
          throw new DomainError('forbidden', 'Name another administrator first', { reason: 'last_administrator' });
        }
      }
    }
  })
});

async function errorsOf(query: string) {
  const logged: unknown[] = [];
  const result = await graphql({ schema, source: query });
  return { errors: (result.errors ?? []).map((e) => formatError(e, (x) => logged.push(x)).toJSON()), logged };
}

describe('formatError', () => {
  it('masks errors graphql-js raises while executing, which may print a whole row', async () => {
    const { errors, logged } = await errorsOf('{ wrongRow { name } }');
    expect(JSON.stringify(errors)).not.toContain('SECRET KEY');
    expect(errors[0]).toMatchObject({ message: 'Something went wrong', code: 'unknown', path: ['wrongRow'] });
    expect(logged).toHaveLength(1);
  });

  it('keeps domain errors with their code, and validation errors as they are', async () => {
    expect((await errorsOf('{ refused }')).errors[0]).toMatchObject({
      message: 'Only organizers may do this',
      code: 'unauthorized',
      status_code: 403
    });
    expect((await errorsOf('{ refused }')).errors[0]).not.toHaveProperty('reason');
    expect((await errorsOf('{ lastAdministrator }')).errors[0]).toMatchObject({
      code: 'unauthorized',
      reason: 'last_administrator'
    });
    const invalid = await errorsOf('{ nothingHere }');
    expect(invalid.errors[0]!.message).toContain('nothingHere');
    expect(invalid.logged).toEqual([]);
    expect(formatError(new GraphQLError('UUID is not valid'), () => {}).message).toBe('UUID is not valid');
  });
});
