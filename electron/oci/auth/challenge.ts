export interface Challenge {
  /** Lowercased scheme: `basic`, `bearer`, … */
  scheme: string;
  /** Parameter names lowercased. */
  params: Record<string, string>;
  token68?: string;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
const MAX_HEADER = 16 * 1024;

/**
 * Parses `WWW-Authenticate` (RFC 9110 §11.6.1): several challenges per header, several headers,
 * quoted strings with backslash escapes, token68. Unparseable tails are dropped, never guessed.
 */
export function parseChallenges(headers: string | readonly string[] | undefined): Challenge[] {
  if (headers === undefined) return [];
  const list = typeof headers === 'string' ? [headers] : headers;
  return list.flatMap((header) => parseOne(header.slice(0, MAX_HEADER)));
}

function parseOne(text: string): Challenge[] {
  const out: Challenge[] = [];
  let pos = 0;
  const skip = (chars: RegExp): void => {
    while (pos < text.length && chars.test(text[pos]!)) pos++;
  };
  const readToken = (): string | undefined => {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) return undefined;
    pos = TOKEN.lastIndex;
    return m[0];
  };
  const readQuoted = (): string | undefined => {
    if (text[pos] !== '"') return undefined;
    let value = '';
    pos++;
    while (pos < text.length) {
      const c = text[pos]!;
      if (c === '\\' && pos + 1 < text.length) {
        value += text[pos + 1];
        pos += 2;
      } else if (c === '"') {
        pos++;
        return value;
      } else {
        value += c;
        pos++;
      }
    }
    return undefined;
  };

  let current: Challenge | undefined;
  while (pos < text.length) {
    skip(/[\s,]/);
    if (pos >= text.length) break;
    const start = pos;
    const name = readToken();
    if (name === undefined) break;
    skip(/[ \t]/);
    if (text[pos] === '=' && current) {
      pos++;
      skip(/[ \t]/);
      const value = text[pos] === '"' ? readQuoted() : readToken();
      if (value === undefined) break;
      current.params[name.toLowerCase()] = value;
      continue;
    }
    // A new challenge: `scheme` followed by params or a token68.
    pos = start + name.length;
    current = { scheme: name.toLowerCase(), params: {} };
    out.push(current);
    skip(/[ \t]/);
    TOKEN68.lastIndex = pos;
    const t68 = TOKEN68.exec(text);
    if (t68) {
      let look = TOKEN68.lastIndex;
      while (look < text.length && /[ \t]/.test(text[look]!)) look++;
      // token68 only when nothing but a comma or the end follows it; else it starts `name=value`
      if (look >= text.length || text[look] === ',') {
        current.token68 = t68[0];
        pos = look;
      }
    }
  }
  return out;
}

/** The challenge to answer: Bearer preferred over Basic, others ignored. */
export function pickChallenge(challenges: readonly Challenge[]): Challenge | undefined {
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
}
