/** What the guard needs from a request's HTTP signature headers, read without verifying anything. */
export interface SignatureHeaders {
  /** The keys the signatures name (http and https URLs only). */
  keyIds: URL[];
  /**
   * An RFC 9421 signature on a POST that does not cover `content-digest`. Fedify 2.3.6
   * (`verifyRequestRfc9421`) checks Content-Digest only when it is a covered component, so such a
   * signature would not bind the body: anyone holding one request could replay it with another body.
   */
  unboundBody: boolean;
}

function httpUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

interface Rfc9421Member {
  components: string[];
  keyId: string | undefined;
}

/** `sig1=("@method" "content-digest");created=…;keyid="…", sig2=(…)…` (RFC 8941 inner lists). */
function parseSignatureInput(header: string): Rfc9421Member[] {
  const members: Rfc9421Member[] = [];
  const pattern =
    /([a-z*][a-z0-9_.*-]*)\s*=\s*\(([^)]*)\)((?:\s*;\s*[a-z*][a-z0-9_.*-]*(?:=(?:"(?:[^"\\]|\\.)*"|[^;,\s]*))?)*)/gi;
  for (const [, , inner, params] of header.matchAll(pattern)) {
    const components = [...(inner ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, c]) => c!.toLowerCase());
    const keyId = /;\s*keyid\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(params ?? '')?.[1];
    members.push({ components, keyId });
  }
  return members;
}

export function readSignatureHeaders(headers: Headers, method: string): SignatureHeaders {
  const input = headers.get('signature-input');
  // Fedify verifies RFC 9421 whenever Signature-Input is present, draft-cavage otherwise.
  if (input !== null) {
    const members = parseSignatureInput(input);
    const keyIds = members.map((m) => httpUrl(m.keyId)).filter((u): u is URL => u !== undefined);
    const hasBody = method !== 'GET' && method !== 'HEAD';
    return {
      keyIds,
      unboundBody: hasBody && (members.length === 0 || members.some((m) => !m.components.includes('content-digest')))
    };
  }
  const signature = headers.get('signature');
  const keyId = signature ? /(?:^|,)\s*keyId\s*=\s*"([^"]*)"/i.exec(signature)?.[1] : undefined;
  const url = httpUrl(keyId);
  return { keyIds: url ? [url] : [], unboundBody: false };
}
