// What every measuring child does: time one piece of work, track the RSS high-water mark while it
// runs, and print one JSON line (or the error, with exit code 1).

export interface Measured {
  ms: number;
  /** max(process.resourceUsage().maxRSS, sampled RSS), bytes. */
  peakRssBytes: number;
  /** RSS when the work started (Node + the bundle), bytes. */
  baselineRssBytes: number;
}

const SAMPLE_MS = 20;

export async function measured<T>(work: () => Promise<T>): Promise<Measured & { value: T }> {
  const baselineRssBytes = process.memoryUsage.rss();
  let sampled = baselineRssBytes;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, SAMPLE_MS);
  const started = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - started;
    const peakRssBytes = Math.max(sampled, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
    return { ms, peakRssBytes, baselineRssBytes, value };
  } finally {
    clearInterval(sampler);
  }
}

/** Runs the child's main, prints its report as one line, and exits (open sockets must not hold it). */
export function runChild(main: () => Promise<object>, exitWhenWritten = false): void {
  main().then(
    (report) => process.stdout.write(`${JSON.stringify(report)}\n`, () => exitWhenWritten && process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
