import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Kind,
  parse,
  print,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode
} from 'graphql';

/** Mobilizon's client documents, kept beside the repository in ../shared (absent outside this workplace). */
export const operationsDir = fileURLToPath(new URL('../../../shared/mobilizon/operations', import.meta.url));
export const mobilizonSchemaPath = fileURLToPath(new URL('../../../shared/mobilizon/schema.graphql', import.meta.url));

export const hasMobilizonCorpus = () => existsSync(operationsDir);

export interface MobilizonOperation {
  file: string;
  name: string;
  /** The operation with exactly the fragments it uses, `@connection` stripped as Apollo does. */
  document: DocumentNode;
  source: string;
  /** Answered by Apollo's cache (`@client`) and never sent to a server. */
  clientOnly: boolean;
}

function stripConnection(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive: (node) => (node.name.value === 'connection' ? null : undefined)
  });
}

function usedFragments(
  node: OperationDefinitionNode | FragmentDefinitionNode,
  all: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>()
) {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      const fragment = all.get(name);
      if (fragment && !seen.has(name)) {
        seen.add(name);
        usedFragments(fragment, all, seen);
      }
    }
  });
  return seen;
}

export function loadMobilizonOperations(): MobilizonOperation[] {
  const operations: MobilizonOperation[] = [];
  for (const file of readdirSync(operationsDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const parsed = parse(readFileSync(join(operationsDir, file), 'utf8'));
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of parsed.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    for (const def of parsed.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION || !def.name) continue;
      const names = usedFragments(def, fragments);
      const document = stripConnection({
        kind: Kind.DOCUMENT,
        definitions: [def, ...[...names].map((n) => fragments.get(n)!)]
      });
      const source = print(document);
      operations.push({ file, name: def.name.value, document, source, clientOnly: /@client\b/.test(source) });
    }
  }
  return operations;
}

export function mobilizonOperation(name: string): MobilizonOperation {
  const op = loadMobilizonOperations().find((o) => o.name === name);
  if (!op) throw new Error(`Mobilizon operation ${name} not found`);
  return op;
}
