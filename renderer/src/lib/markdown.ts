/**
 * A small markdown parser for chart READMEs. It builds a tree of plain data that a component
 * renders as DOM nodes and text: raw HTML in the source stays visible text, images become their
 * alt text (no network), and only https links survive as links.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'code'; language: string; text: string }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'quote'; children: Block[] }
  | { type: 'rule' };

/** Longer READMEs are cut here (the main process caps them too). */
export const MAX_MARKDOWN_CHARS = 200_000;
const MAX_INLINE_DEPTH = 8;

const FENCE = /^\s{0,3}(```|~~~)\s*([\w+-]*)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.slice(0, MAX_MARKDOWN_CHARS).replace(/\r\n?/g, '\n').split('\n');
  return parseBlocks(lines, 0);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker)) body.push(lines[i++] ?? '');
      i += 1;
      blocks.push({ type: 'code', language: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: 'heading', level, children: parseInline(heading[2] ?? '') });
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i += 1;
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_INLINE_DEPTH) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) inner.push(QUOTE.exec(lines[i++] ?? '')?.[1] ?? '');
      blocks.push({ type: 'quote', children: parseBlocks(inner, depth + 1) });
      continue;
    }
    const ordered = ORDERED.test(line);
    if (ordered || BULLET.test(line)) {
      const pattern = ordered ? ORDERED : BULLET;
      const items: Inline[][] = [];
      while (i < lines.length && pattern.test(lines[i] ?? '')) {
        let text = pattern.exec(lines[i++] ?? '')?.[1] ?? '';
        // Indented continuation lines belong to the item.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i] ?? '') && !BULLET.test(lines[i] ?? '') && !ORDERED.test(lines[i] ?? '')) text += ` ${(lines[i++] ?? '').trim()}`;
        items.push(parseInline(text));
      }
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && !startsBlock(lines[i] ?? '')) paragraph.push((lines[i++] ?? '').trim());
    if (paragraph.length === 0) paragraph.push((lines[i++] ?? '').trim());
    blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || BULLET.test(line) || ORDERED.test(line);
}

/** The link target if it is an absolute https URL, else undefined (the text stays, the link goes). */
export function safeHref(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|(!?)\[([^\]]*)\]\(\s*<?([^\s)>]*)>?(?:\s+"[^"]*")?\s*\)|(\*\*|__)(?=\S)([\s\S]*?\S)\6|(?<![\w*])(\*|_)(?=\S)([\s\S]*?\S)\8(?![\w])|(https:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/;

export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest.length > 0) {
    const match = depth < MAX_INLINE_DEPTH ? INLINE.exec(rest) : null;
    if (!match) {
      pushText(out, rest);
      break;
    }
    if (match.index > 0) pushText(out, rest.slice(0, match.index));
    rest = rest.slice(match.index + match[0].length);
    if (match[1] !== undefined) out.push({ type: 'code', text: (match[2] ?? '').trim() });
    else if (match[4] !== undefined) {
      const label = match[4];
      if (match[3] === '!') pushText(out, label);
      else {
        const href = safeHref(match[5] ?? '');
        const children = parseInline(label, depth + 1);
        if (href) out.push({ type: 'link', href, children });
        else for (const child of children) if (child.type === 'text') pushText(out, child.text); else out.push(child);
      }
    } else if (match[6] !== undefined) out.push({ type: 'strong', children: parseInline(match[7] ?? '', depth + 1) });
    else if (match[8] !== undefined) out.push({ type: 'em', children: parseInline(match[9] ?? '', depth + 1) });
    else if (match[10] !== undefined) {
      const href = safeHref(match[10]);
      if (href) out.push({ type: 'link', href, children: [{ type: 'text', text: match[10] }] });
      else pushText(out, match[10]);
    }
  }
  return out;
}

function pushText(out: Inline[], text: string): void {
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}
