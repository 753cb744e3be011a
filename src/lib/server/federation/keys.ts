import { createPrivateKey, createPublicKey } from 'node:crypto';

const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** PEM (as stored on actors) to WebCrypto keys, which Fedify signs and verifies with. */
export async function importKeyPair(publicKeyPem: string, privateKeyPem: string): Promise<CryptoKeyPair> {
  const spki = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  const pkcs8 = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const [publicKey, privateKey] = await Promise.all([
    crypto.subtle.importKey('spki', spki, algorithm, true, ['verify']),
    crypto.subtle.importKey('pkcs8', pkcs8, algorithm, true, ['sign'])
  ]);
  return { publicKey, privateKey };
}

export async function exportPublicKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('spki', key));
  return createPublicKey({ key: der, format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
}

/** Imported key pairs by actor id; PEM parsing is too slow to repeat on every signature. */
export class KeyPairCache {
  private readonly pairs = new Map<string, Promise<CryptoKeyPair>>();
  get(cacheKey: string, publicKeyPem: string, privateKeyPem: string): Promise<CryptoKeyPair> {
    let pair = this.pairs.get(cacheKey);
    if (!pair) {
      pair = importKeyPair(publicKeyPem, privateKeyPem);
      this.pairs.set(cacheKey, pair);
    }
    return pair;
  }
  forget(cacheKey: string): void {
    this.pairs.delete(cacheKey);
  }
}
