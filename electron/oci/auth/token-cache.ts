export interface CachedToken {
  token: string;
  /** Epoch ms after which the token is not used. */
  expiresAt: number;
}

/**
 * Bearer tokens keyed by registry + scope set, with expiry and single-flight: concurrent requests
 * for the same key share one fetch.
 */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(private readonly now: () => number = Date.now, private readonly maxEntries = 256) {}

  static key(registry: string, scopes: readonly string[], service = ''): string {
    return `${registry}|${service}|${[...scopes].sort().join(' ')}`;
  }

  get(key: string): string | undefined {
    const entry = this.tokens.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.tokens.delete(key);
      return undefined;
    }
    return entry.token;
  }

  invalidate(key: string): void {
    this.tokens.delete(key);
  }

  /** The cached token, or the result of one shared `fetch` for this key. */
  async getOrFetch(key: string, fetch: () => Promise<CachedToken>): Promise<string> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    let flight = this.pending.get(key);
    if (!flight) {
      flight = fetch().then(
        (entry) => {
          this.pending.delete(key);
          if (this.tokens.size >= this.maxEntries) this.tokens.delete(this.tokens.keys().next().value as string);
          this.tokens.set(key, entry);
          return entry;
        },
        (error: unknown) => {
          this.pending.delete(key);
          throw error;
        },
      );
      this.pending.set(key, flight);
    }
    return (await flight).token;
  }
}

export const DEFAULT_TOKEN_TTL_SECONDS = 60;

/** Expiry from `expires_in`, with a small margin so a token is not used in its last seconds. */
export function expiryFrom(now: number, expiresIn: number | undefined): number {
  const seconds = expiresIn !== undefined && Number.isFinite(expiresIn) && expiresIn > 0 ? Math.min(expiresIn, 24 * 3600) : DEFAULT_TOKEN_TTL_SECONDS;
  const margin = Math.min(10, seconds / 10);
  return now + (seconds - margin) * 1000;
}
