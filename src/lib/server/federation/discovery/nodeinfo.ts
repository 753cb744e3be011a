import type { NodeInfoSummary } from '../../domain/fediverse/index.ts';

const SCHEMA = /^https?:\/\/nodeinfo\.diaspora\.software\/ns\/schema\/(\d+)\.(\d+)$/;
/** FEP-2677: the NodeInfo link to the server's own (application) actor. */
export const APPLICATION_REL = 'https://www.w3.org/ns/activitystreams#Application';

export interface NodeInfoLinks {
  /** The newest 2.x NodeInfo document offered. */
  document: string | null;
  /** The instance actor's URL (FEP-2677). */
  application: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null;

/** Reads `/.well-known/nodeinfo`: which NodeInfo document to fetch, and the FEP-2677 actor link. */
export function nodeInfoLinks(body: unknown, base: string): NodeInfoLinks {
  const links = isRecord(body) && Array.isArray(body.links) ? body.links.filter(isRecord) : [];
  const href = (link: Record<string, unknown>) => {
    try {
      return typeof link.href === 'string' ? new URL(link.href, base).href : null;
    } catch {
      return null;
    }
  };
  let document: { href: string; minor: number } | null = null;
  let application: string | null = null;
  for (const link of links) {
    const rel = typeof link.rel === 'string' ? link.rel : '';
    const url = href(link);
    if (!url) continue;
    if (rel === APPLICATION_REL) {
      application ??= url;
      continue;
    }
    const version = SCHEMA.exec(rel);
    if (version?.[1] === '2' && (!document || Number(version[2]) > document.minor)) {
      document = { href: url, minor: Number(version[2]) };
    }
  }
  return { document: document?.href ?? null, application };
}

/** What a NodeInfo 2.x document says about the server (name and version of its software, its name). */
export function nodeInfoSummary(body: unknown): NodeInfoSummary | null {
  if (!isRecord(body)) return null;
  const software = isRecord(body.software) ? body.software : {};
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  const summary: NodeInfoSummary = {
    software: text(software.name, 100),
    softwareVersion: text(software.version, 100),
    name: text(metadata.nodeName, 200),
    description: text(metadata.nodeDescription, 2000)
  };
  return summary.software || summary.name ? summary : null;
}
