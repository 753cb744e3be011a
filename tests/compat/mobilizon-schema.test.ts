import { acceptSnakeCase } from '#lib/server/graphql/snake-case.ts';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  specifiedRules,
  OverlappingFieldsCanBeMergedRule,
  validate,
  type GraphQLNamedType,
  type GraphQLSchema
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '#lib/server/graphql/schema.ts';
import { hasMobilizonCorpus, loadMobilizonOperations, mobilizonSchemaPath } from '../helpers/mobilizon-operations.ts';
import baseline from './baseline.json' with { type: 'json' };

/** Absinthe does not enforce this rule; Mobilizon's client relies on that. */
const rules = specifiedRules.filter((rule) => rule !== OverlappingFieldsCanBeMergedRule);

/**
 * Our additions beyond Mobilizon 5.1.3 (each one deliberate): fields as `Type.field`, arguments as
 * `Type.field(argument)`. The registration mode has three values here (open, allowlist, closed)
 * where Mobilizon's administrator settings have only `registrationsOpen`. Administrators block whole
 * instances (`blockInstance`, `unblockInstance`, `Instance.blocked`), which Mobilizon does only in its
 * configuration.
 */
const EXTENSIONS = new Set<string>([
  'Config.federating',
  'Config.version',
  'AdminSettings.registrationsMode',
  'RootMutationType.saveAdminSettings(registrationsMode)',
  'RootMutationType.blockInstance',
  'RootMutationType.unblockInstance',
  'Instance.blocked',
  // Why another server refused a participation (its Reject's text), shown to the participant.
  'ParticipantMetadata.rejectionReason',
  // What older Mobilizon clients still send (DESIGN.md §1): one reported event.
  'Report.event',
  'RootMutationType.createReport(eventId)'
]);

function fieldSignatures(type: GraphQLNamedType): Map<string, string> {
  const out = new Map<string, string>();
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      const args =
        'args' in field
          ? (field.args as readonly { name: string; type: unknown }[])
              .filter((a) => !EXTENSIONS.has(`${type.name}.${field.name}(${a.name})`))
              .map((a) => `${a.name}:${String(a.type)}`)
              .sort()
              .join(',')
          : '';
      out.set(field.name, `${field.type}${args ? `(${args})` : ''}`);
    }
  } else if (isEnumType(type)) {
    for (const value of type.getValues()) out.set(value.name, 'enum value');
  }
  return out;
}

describe.skipIf(!hasMobilizonCorpus())('compatibility with Mobilizon', () => {
  const ours: GraphQLSchema = getSchema();
  let theirs: GraphQLSchema;
  beforeAll(() => {
    theirs = buildSchema(readFileSync(mobilizonSchemaPath, 'utf8'));
  });

  it("validates Mobilizon's client documents against our schema", () => {
    const operations = loadMobilizonOperations().filter((op) => !op.clientOnly);
    const failing: string[] = [];
    for (const op of operations) {
      // The server reads snake_case names as Mobilizon's does (graphql/snake-case.ts).
      if (validate(ours, acceptSnakeCase(op.document), rules).length > 0) failing.push(`${op.file}:${op.name}`);
    }
    const valid = operations.length - failing.length;
    const rootFields = (schema: GraphQLSchema) =>
      [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) =>
        t
          ? Object.keys(t.getFields()).map(
              (f) =>
                `${t === schema.getQueryType() ? 'query' : t === schema.getMutationType() ? 'mutation' : 'subscription'}.${f}`
            )
          : []
      );
    const ourRoots = new Set(rootFields(ours));
    const missing = rootFields(theirs).filter((f) => !ourRoots.has(f));
    const report = [
      `mobilizon-client-operations: ${valid}/${operations.length} validate`,
      `mobilizon-root-fields-missing (${missing.length}): ${missing.join(', ')}`
    ].join('\n');
    console.log(report);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/compat.txt', `${report}\nfailing documents:\n${failing.join('\n')}\n`);

    for (const name of [
      'auth.graphql:Login',
      'actor.graphql:Identities',
      'actor.graphql:CreatePerson',
      'event.graphql:createEvent',
      'event.graphql:FetchEvent',
      'admin.graphql:Instances',
      'admin.graphql:instance',
      'admin.graphql:addInstance',
      'admin.graphql:acceptRelay',
      'admin.graphql:rejectRelay',
      'admin.graphql:removeRelay',
      'admin.graphql:relayFollowers',
      'admin.graphql:relayFollowings',
      'actor.graphql:SuspendProfile',
      'actor.graphql:UnSuspendProfile',
      'search.graphql:SearchEventsAndGroups',
      'search.graphql:SearchEvents',
      'search.graphql:SearchGroups',
      'search.graphql:SearchPersons',
      'search.graphql:SearchPersonsAndGroups',
      'search.graphql:Interact'
    ]) {
      expect(failing, `${name} must validate`).not.toContain(name);
    }
    // The count only grows: raise the baseline when an issue adds operations.
    expect(valid).toBeGreaterThanOrEqual(baseline.validOperations);
  });

  it("defines only Mobilizon's names, with Mobilizon's types", () => {
    const mismatches: string[] = [];
    for (const type of Object.values(ours.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const theirType = theirs.getType(type.name);
      if (!theirType) {
        mismatches.push(`type ${type.name} is not in Mobilizon's schema`);
        continue;
      }
      const theirFields = fieldSignatures(theirType);
      for (const [field, signature] of fieldSignatures(type)) {
        if (EXTENSIONS.has(`${type.name}.${field}`)) continue;
        const expected = theirFields.get(field);
        if (expected === undefined) mismatches.push(`${type.name}.${field} is not in Mobilizon's schema`);
        else if (expected !== signature)
          mismatches.push(`${type.name}.${field}: ours ${signature}, Mobilizon ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe.runIf(!hasMobilizonCorpus())('compatibility with Mobilizon (corpus absent)', () => {
  it('skips: ../shared/mobilizon is not beside this checkout', () => {
    console.log('mobilizon-client-operations: skipped (../shared/mobilizon/operations not found)');
  });
});
