/**
 * Paths the native picker returned in this run, kept briefly: `publish.open` accepts a `path`
 * source only if the drop allow-list or this set vouches for it, so the renderer alone can never
 * make main read a file. Each path can be opened once.
 */
export class PickedPaths {
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  add(paths: readonly string[]): void {
    this.prune();
    const expires = this.now() + this.ttlMs;
    for (const p of paths.slice(0, 10_000)) this.entries.set(p, expires);
  }

  /** Takes the path out of the set; false when it was not picked recently. */
  take(path: string): boolean {
    this.prune();
    return this.entries.delete(path);
  }

  private prune(): void {
    const now = this.now();
    for (const [p, expires] of this.entries) if (expires <= now) this.entries.delete(p);
  }
}
