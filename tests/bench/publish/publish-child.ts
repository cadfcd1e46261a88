// A measuring child for the publish suite: runs one publish as a drop makes it and prints one JSON
// line with its stage times and memory high-water mark, so nothing else inflates the RSS.
import { publishDrop, type PublishDropJob, type PublishDropTimes } from './publish-drop';

export interface PublishChildReport extends PublishDropTimes {
  peakRssBytes: number;
  baselineRssBytes: number;
}

const SAMPLE_MS = 20;

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as PublishDropJob;
  const baselineRssBytes = process.memoryUsage.rss();
  let sampled = baselineRssBytes;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, SAMPLE_MS);
  const times = await publishDrop(job);
  clearInterval(sampler);
  const peakRssBytes = Math.max(sampled, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
  const report: PublishChildReport = { ...times, peakRssBytes, baselineRssBytes };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
