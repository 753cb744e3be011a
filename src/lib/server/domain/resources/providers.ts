import { randomBytes } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import type { ProvidedType } from './resources.inputs.ts';

/** A document service of the instance (Mobilizon's resource providers): Etherpad, Ethercalc, Jitsi… */
export interface ResourceProvider {
  type: ProvidedType;
  /** The address a document's id is appended to, e.g. `https://pad.example/p/`. */
  endpoint: string;
  software: string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 26 characters from a 36-letter alphabet: about 134 bits, never guessed (rejection sampling, no bias). */
export function unguessableId(length = 26): string {
  let id = '';
  while (id.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 252 && id.length < length) id += ALPHABET[byte % 36];
    }
  }
  return id;
}

/**
 * A new document's address on the instance's service of that type: its endpoint followed by a
 * random id, as Mobilizon does for Etherpad, Ethercalc and Jitsi. No service of that type: refused.
 */
export function newDocumentUrl(providers: readonly ResourceProvider[], type: ProvidedType): string {
  const provider = providers.find((p) => p.type === type);
  if (!provider) {
    throw new DomainError('validation', `This instance offers no ${type} service`, { field: 'type' });
  }
  return `${provider.endpoint}${unguessableId()}`;
}
