import { generateKeyPairSync } from 'node:crypto';
import { signRequest, type SignRequestOptions } from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import type { App } from '#lib/server/app.ts';
import { importKeyPair } from '#lib/server/federation/keys.ts';

/**
 * Signing and POSTing arbitrary activities to an inbox, the way a remote server would — or the
 * way a hostile one would, with options that break one thing at a time.
 *
 *   const key = await localActorKey(b.app, 'bob');             // bob's real key on instance B
 *   const response = await signedPost(`${a.baseUrl}/inbox`, follow, key);
 *
 *   // A key that is not the actor's: bob's keyId, someone else's private key.
 *   await signedPost(inbox, follow, { ...key, privateKey: (await newSigningKey(key.keyId)).privateKey });
 *   // Another real actor's key: sign bob's activity with carol's key.
 *   await signedPost(inbox, follow, await localActorKey(b.app, 'carol'));
 *   // The body changed after signing (the Digest no longer matches), a stale Date, none at all:
 *   await signedPost(inbox, follow, key, { bodyAfterSigning: { ...follow, object: other } });
 *   await signedPost(inbox, follow, key, { signedAt: new Date(Date.now() - 2 * 3600_000) });
 *   await signedPost(inbox, follow, key, { unsigned: true });
 *
 * `buildSignedPost` returns the Request without sending it, for tables of cases.
 */

export interface SigningKey {
  /** The key's id as the Signature header names it, e.g. https://host/@bob#main-key */
  keyId: string;
  privateKey: CryptoKey;
}

export interface GeneratedKey extends SigningKey {
  publicKeyPem: string;
}

/** The key a local actor of `app` signs with, as Fedify names it (`<actor>#main-key`). */
export async function localActorKey(app: App, username: string): Promise<SigningKey> {
  const actor = await app.services.queries.actors.localByUsername(username);
  if (!actor?.publicKeyPem || !actor.privateKeyPem) throw new Error(`${username} has no key pair`);
  const { privateKey } = await importKeyPair(actor.publicKeyPem, actor.privateKeyPem);
  return { keyId: `${actor.apId}#main-key`, privateKey };
}

/** A fresh RSA key pair, for actors served by a fake remote server (or to sign with the wrong key). */
export async function newSigningKey(keyId: string): Promise<GeneratedKey> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
  });
  const pair = await importKeyPair(publicKey, privateKey);
  return { keyId, privateKey: pair.privateKey, publicKeyPem: publicKey };
}

export interface SignedPostOptions {
  /** Send with no Signature (and no Digest): what an unauthenticated sender does. */
  unsigned?: boolean;
  /** The time the signature claims (its Date header); now by default. */
  signedAt?: Date;
  /** After signing, send this body instead (an object is JSON-encoded): the Digest no longer matches. */
  bodyAfterSigning?: unknown;
  /** The exact bytes to send and sign, instead of JSON.stringify(activity). */
  rawBody?: string | Uint8Array;
  /** Headers set before signing (so they are signed); content-type defaults to application/activity+json. */
  headers?: Record<string, string>;
  /**
   * Stream the body without a Content-Length (chunked), as a sender that does not announce its
   * size; `pulled.bytes` then counts how much of it the receiver read.
   */
  chunked?: boolean | { pulled: { bytes: number } };
  /** draft-cavage (Mobilizon's, the default) or RFC 9421 with the given covered components. */
  rfc9421Components?: string[];
}

const encode = (body: unknown): Uint8Array<ArrayBuffer> =>
  typeof body === 'string'
    ? new TextEncoder().encode(body)
    : body instanceof Uint8Array
      ? new Uint8Array(body)
      : new TextEncoder().encode(JSON.stringify(body));

function chunkedBody(bytes: Uint8Array, pulled = { bytes: 0 }): ReadableStream<Uint8Array> {
  const size = 64 * 1024;
  return new ReadableStream({
    pull(controller) {
      if (pulled.bytes >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(pulled.bytes, pulled.bytes + size));
      pulled.bytes = Math.min(bytes.byteLength, pulled.bytes + size);
    }
  });
}

export async function buildSignedPost(
  inboxUrl: string,
  activity: unknown,
  key: SigningKey,
  options: SignedPostOptions = {}
): Promise<Request> {
  const body = encode(options.rawBody ?? activity);
  const headers = new Headers({ 'content-type': 'application/activity+json', ...options.headers });
  let request = new Request(inboxUrl, { method: 'POST', headers, body });
  if (!options.unsigned) {
    request = await signRequest(request, key.privateKey, new URL(key.keyId), {
      spec: options.rfc9421Components ? 'rfc9421' : 'draft-cavage-http-signatures-12',
      // Fedify types the global Temporal; at run time it reads only the instant (the polyfill's here).
      currentTime: Temporal.Instant.fromEpochMilliseconds(
        (options.signedAt ?? new Date()).getTime()
      ) as unknown as SignRequestOptions['currentTime'],
      body: body.buffer,
      rfc9421: options.rfc9421Components
        ? { components: options.rfc9421Components.map((value) => ({ value, params: {} })) }
        : undefined
    });
  }
  const sent = options.bodyAfterSigning === undefined ? body : encode(options.bodyAfterSigning);
  const finalHeaders = new Headers(request.headers);
  finalHeaders.delete('content-length');
  if (options.chunked) {
    return new Request(inboxUrl, {
      method: 'POST',
      headers: finalHeaders,
      body: chunkedBody(sent, typeof options.chunked === 'object' ? options.chunked.pulled : undefined),
      // @ts-expect-error Node's fetch needs `duplex` for streamed bodies; the DOM types lack it.
      duplex: 'half'
    });
  }
  return new Request(inboxUrl, { method: 'POST', headers: finalHeaders, body: sent });
}

/** Signs (unless told not to) and sends an activity to an inbox; see buildSignedPost. */
export async function signedPost(
  inboxUrl: string,
  activity: unknown,
  key: SigningKey,
  options: SignedPostOptions = {}
): Promise<Response> {
  return fetch(await buildSignedPost(inboxUrl, activity, key, options));
}
