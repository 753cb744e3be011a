import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { acceptSnakeCase } from './snake-case.ts';

describe('snake_case names', () => {
  it('renames snake_case fields and arguments, keeping the written name as the key', () => {
    const out = print(
      acceptSnakeCase(
        parse('{ person(id: 1) { target_actor { id } follows(page_size: 2) { x: inserted_at __typename } } }')
      )
    );
    expect(out).toContain('target_actor: targetActor');
    expect(out).toContain('follows(pageSize: 2)');
    expect(out).toContain('x: insertedAt');
    expect(out).toContain('__typename');
  });
});
