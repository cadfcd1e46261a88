import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { commandOutput } from '../measure';

/**
 * The folder peer, what a script would do: `tar -czf` the folder, `sha256sum` the archive (the
 * registry wants the digest), then POST a session and `curl -T` it in one PUT. Timed as a whole;
 * the archive's size is reported beside the time (gzip's level decides what the upload carries).
 */
export async function tarCurlUpload(baseUrl: string, repository: string, folder: string, work: string): Promise<{ ms: number; archiveBytes: number }> {
  const started = performance.now();
  const archive = join(work, `${basename(folder)}.tar.gz`);
  await commandOutput('tar', ['-czf', archive, '-C', dirname(folder), basename(folder)]);
  const digest = `sha256:${(await commandOutput('sha256sum', [archive])).split(' ')[0] ?? ''}`;
  const session = await fetch(`${baseUrl}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  await session.arrayBuffer();
  const location = session.headers.get('location');
  if (session.status !== 202 || !location) throw new Error(`POST upload answered ${session.status}`);
  const url = new URL(location, baseUrl);
  url.searchParams.set('digest', digest);
  await commandOutput('curl', ['--silent', '--show-error', '--fail', '-H', 'Expect:', '-H', 'content-type: application/octet-stream', '--output', '/dev/null', '--upload-file', archive, url.href]);
  const ms = performance.now() - started;
  return { ms, archiveBytes: (await stat(archive)).size };
}
