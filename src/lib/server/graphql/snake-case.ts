import { Kind, OverlappingFieldsCanBeMergedRule, specifiedRules, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const toCamel = (name: string) => name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const isSnake = (name: string) => name.includes('_') && !name.startsWith('__');

/**
 * Mobilizon's server (Absinthe) answers snake_case field and argument names as well as camelCase
 * ones, and its own client sends a few (`target_actor`). Such names are rewritten to ours before
 * validation; a renamed field keeps its written name as the answer's key.
 */
export function acceptSnakeCase(document: DocumentNode): DocumentNode {
  return visit(document, {
    Field(node) {
      if (!isSnake(node.name.value)) return undefined;
      return {
        ...node,
        alias: node.alias ?? { kind: Kind.NAME, value: node.name.value },
        name: { ...node.name, value: toCamel(node.name.value) }
      };
    },
    Argument(node) {
      if (!isSnake(node.name.value)) return undefined;
      return { ...node, name: { ...node.name, value: toCamel(node.name.value) } };
    }
  });
}

export const snakeCasePlugin = (): Plugin => ({
  onParse() {
    return ({ result, replaceParseResult }) => {
      if (result && typeof result === 'object' && 'kind' in result && result.kind === Kind.DOCUMENT) {
        replaceParseResult(acceptSnakeCase(result));
      }
    };
  }
});

/**
 * Mobilizon's client reuses a response key with different types in fragments on different types
 * (`type` on a Resource and on an Actor in its timeline); Absinthe takes such documents, and so
 * do we: the overlap rule is left out (each object still has exactly one type at run time).
 */
export const mobilizonValidationPlugin = (): Plugin => ({
  onValidate({ params, setValidationFn, validateFn }) {
    const rules = (params.rules ?? specifiedRules).filter((rule: unknown) => rule !== OverlappingFieldsCanBeMergedRule);
    setValidationFn((schema, document, _rules, ...rest) => validateFn(schema, document, rules, ...rest));
  }
});
