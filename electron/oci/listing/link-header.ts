export interface Link {
  url: string;
  rel: string[];
}

/**
 * Parses an RFC 8288 (5988) `Link` header: `<url>; rel="next", <url2>; rel=prev`. Relative URLs
 * are resolved against `base`. Malformed entries are skipped.
 */
export function parseLinkHeader(value: string | readonly string[] | undefined, base: string): Link[] {
  if (value === undefined) return [];
  const text = (typeof value === 'string' ? value : value.join(', ')).slice(0, 16 * 1024);
  const links: Link[] = [];
  const entry = /<([^>]*)>((?:\s*;\s*[^;,"=]+(?:=\s*(?:"(?:[^"\\]|\\.)*"|[^;,]*))?)*)/g;
  for (const match of text.matchAll(entry)) {
    let url: string;
    try {
      url = new URL(match[1]!.trim(), base).toString();
    } catch {
      continue;
    }
    const rel: string[] = [];
    for (const param of match[2]!.matchAll(/;\s*([^=;,\s]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^;,]*))?/g)) {
      if (param[1]!.toLowerCase() !== 'rel' || param[2] === undefined) continue;
      const raw = param[2].trim();
      const unquoted = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
      rel.push(...unquoted.toLowerCase().split(/\s+/).filter(Boolean));
    }
    links.push({ url, rel });
  }
  return links;
}

export function nextLink(value: string | readonly string[] | undefined, base: string): string | undefined {
  return parseLinkHeader(value, base).find((l) => l.rel.includes('next'))?.url;
}
