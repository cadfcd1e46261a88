// A measuring child process for the catalog suite: one open of the catalog (Stevedore's service
// or the bare undici floor) in a fresh Node, one JSON line on stdout.
import { floorOpen } from './floor';
import { openCatalog } from './stevedore-open';

export type CatalogJob =
  | { kind: 'stevedore'; url: string; host: string; dataDir: string }
  | { kind: 'floor'; url: string; concurrency: number };

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as CatalogJob;
  const report = job.kind === 'stevedore' ? await openCatalog(job, job.dataDir) : await floorOpen(job.url, job.concurrency);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // Keep-alive sockets and caches would hold the process open: the job is done.
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
