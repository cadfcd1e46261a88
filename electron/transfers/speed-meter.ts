/**
 * Bytes per second over the last few seconds, from samples of a running byte count. A sample is
 * kept at most every `resolutionMs`, so a transfer of any length holds a handful of numbers.
 */
export class SpeedMeter {
  private readonly times: number[] = [];
  private readonly totals: number[] = [];
  private sent = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = 5_000,
    private readonly resolutionMs = 250,
  ) {}

  /** Bytes actually sent or received (not those found in place). */
  add(bytes: number): void {
    if (!(bytes > 0)) return;
    const now = this.now();
    if (this.times.length === 0) this.sample(now - 1); // the first bytes count from just before they came
    this.sent += bytes;
    const last = this.times.at(-1) as number;
    if (now - last >= this.resolutionMs) this.sample(now);
    else this.totals[this.totals.length - 1] = this.sent;
    this.prune(now);
  }

  /** The smoothed rate; 0 once nothing has moved for the whole window. */
  bytesPerSecond(): number {
    const now = this.now();
    this.prune(now);
    const firstTime = this.times[0];
    const firstTotal = this.totals[0];
    if (firstTime === undefined || firstTotal === undefined) return 0;
    const elapsed = Math.max(now - firstTime, this.resolutionMs);
    const moved = this.sent - firstTotal;
    return moved > 0 ? Math.round((moved * 1000) / elapsed) : 0;
  }

  reset(): void {
    this.times.length = 0;
    this.totals.length = 0;
    this.sent = 0;
  }

  private sample(at: number): void {
    this.times.push(at);
    this.totals.push(this.sent);
  }

  /** Drops samples older than the window, keeping the newest old one as the baseline. */
  private prune(now: number): void {
    let drop = 0;
    while (drop + 1 < this.times.length && (this.times[drop + 1] as number) <= now - this.windowMs) drop += 1;
    if (drop > 0) {
      this.times.splice(0, drop);
      this.totals.splice(0, drop);
    }
    const oldest = this.times[0];
    if (oldest !== undefined && oldest <= now - this.windowMs && this.totals[0] === this.sent) this.reset();
  }
}
