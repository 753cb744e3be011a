/**
 * A small strict XML reader for tests: it refuses anything not well-formed (unbalanced or crossed
 * tags, unquoted or repeated attributes, a bare `<` or `&`, unknown entities, text outside the root)
 * and returns the element tree with decoded text, so tests compare structure rather than match text.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`bare < at ${where}`);
  return raw.replace(/&([^;]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`unterminated entity at ${where}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const num = /^#(?:x([0-9a-fA-F]+)|(\d+))$/.exec(name);
    if (!num) throw new Error(`unknown entity &${name}; at ${where}`);
    return String.fromCodePoint(num[1] ? parseInt(num[1], 16) : Number(num[2]));
  });
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const rest = () => source.slice(i);
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  skipSpace();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < source.length) {
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
    } else if (source.startsWith('</', i)) {
      i += 2;
      const name = NAME.exec(rest())?.[0];
      const open = stack.pop();
      if (!name || !open || open.name !== name) throw new Error(`unexpected </${name}> at ${i}`);
      i += name.length;
      skipSpace();
      if (source[i] !== '>') throw new Error(`malformed end tag at ${i}`);
      i++;
    } else if (source[i] === '<') {
      i++;
      const name = NAME.exec(rest())?.[0];
      if (!name) throw new Error(`malformed start tag at ${i}`);
      if (!stack.length && root) throw new Error('a second root element');
      i += name.length;
      const element: XmlElement = { name, attributes: {}, children: [], text: '' };
      for (;;) {
        const before = i;
        skipSpace();
        if (source.startsWith('/>', i) || source[i] === '>') break;
        if (i === before) throw new Error(`attributes must be separated by spaces at ${i}`);
        const attr = NAME.exec(rest())?.[0];
        if (!attr) throw new Error(`malformed attribute at ${i}`);
        i += attr.length;
        if (source[i] !== '=') throw new Error(`attribute without value at ${i}`);
        const quote = source[i + 1];
        if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute at ${i}`);
        const end = source.indexOf(quote, i + 2);
        if (end < 0) throw new Error('unterminated attribute');
        if (attr in element.attributes) throw new Error(`repeated attribute ${attr}`);
        element.attributes[attr] = decode(source.slice(i + 2, end), i);
        i = end + 1;
      }
      (stack.at(-1)?.children ?? []).push(element);
      root ??= element;
      if (source.startsWith('/>', i)) i += 2;
      else {
        i++;
        stack.push(element);
      }
    } else {
      const end = source.indexOf('<', i);
      const raw = source.slice(i, end < 0 ? source.length : end);
      const open = stack.at(-1);
      if (!open) {
        if (raw.trim()) throw new Error(`text outside the root at ${i}`);
      } else open.text += decode(raw, i);
      i += raw.length;
    }
  }
  if (!root) throw new Error('no root element');
  if (stack.length) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  return root;
}

export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);
export const childNamed = (element: XmlElement, name: string) => element.children.find((c) => c.name === name);
