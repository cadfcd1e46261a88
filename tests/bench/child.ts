// A measuring child process: runs one job (one side of one comparison) and prints one JSON line
// with its duration and memory high-water mark, so nothing else in the bench inflates the RSS.
import { runJob, type Job } from './jobs';

export interface ChildReport {
  ms: number;
  /** max(process.resourceUsage().maxRSS, sampled RSS), bytes. */
  peakRssBytes: number;
  /** RSS when the job started (Node + the bundle), bytes. */
  baselineRssBytes: number;
  check: string;
}

const SAMPLE_MS = 20;

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as Job;
  const baselineRssBytes = process.memoryUsage.rss();
  let sampled = baselineRssBytes;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, SAMPLE_MS);
  const started = performance.now();
  const check = await runJob(job);
  const ms = performance.now() - started;
  clearInterval(sampler);
  const peakRssBytes = Math.max(sampled, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
  const report: ChildReport = { ms, peakRssBytes, baselineRssBytes, check };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
