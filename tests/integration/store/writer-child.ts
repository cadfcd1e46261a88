// A separate Stevedore process writing to a Local repository, for the crash and concurrency tests:
// `node writer-child.mjs <dataDir> <repository> <tag prefix> <count|forever> [churn]`. Prints
// "tagged <tag>" after each tag lands; with `churn`, deletes every third artifact again (GC included), saying "deleting <tag>" first.
import { randomBytes } from 'node:crypto';
import { openLocalStore } from '../../../electron/store';

const [dataDir, repository, prefix, countArg, mode] = process.argv.slice(2);
if (!dataDir || !repository || !prefix || !countArg) throw new Error('usage: writer-child <dataDir> <repository> <prefix> <count|forever> [churn]');
const store = openLocalStore(dataDir, { gcGraceMs: mode === 'churn' ? 0 : undefined });
const repo = store.repository(repository);
const count = countArg === 'forever' ? Number.POSITIVE_INFINITY : Number(countArg);

// Writers started together wait for the same instant, so their writes overlap for sure.
const startAt = Number(process.env.WRITER_START_AT ?? 0);
if (startAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
process.stdout.write(`began ${Date.now()}\n`);

for (let i = 0; i < count; i++) {
  const layer = await repo.blobs().push({ data: randomBytes(16 * 1024 + Math.floor(Math.random() * 256 * 1024)) });
  const configData = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.digest] }, n: `${prefix}-${i}` }));
  const config = await repo.blobs().push({ data: configData });
  const tag = `${prefix}-${i}`;
  const manifest = await repo.pushManifest(
    {
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.size }],
    },
    tag,
  );
  process.stdout.write(`tagged ${tag}\n`);
  if (mode === 'churn' && i % 3 === 2) {
    process.stdout.write(`deleting ${tag}\n`);
    await repo.manifests().delete(manifest.digest);
  }
}
process.stdout.write(`ended ${Date.now()}\n`);
