import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request } from 'node:http';
import { basename } from 'node:path';
import type { PublishDraft, PublishOptions, PublishPreview, TransferView } from '../../../shared/contract';
import { WebHostSession } from './web-host-session';

const SETTLE_TIMEOUT_MS = 15 * 60 * 1000;

export interface WebPublishTimes {
  /** First upload request to the sealed batch: the browser's bytes into the staging area. */
  uploadMs: number;
  /** publish.open + publish.preview over the WebSocket (the preview hashes the staged file). */
  prepareMs: number;
  /** publish.start to `transfers.changed` saying done. */
  pushMs: number;
  /** The web host's VmHWM over the whole publish, and its RSS once started with the registry added. */
  peakRssBytes: number;
  baselineRssBytes: number;
  check: string;
}

interface StagedEntry {
  id: string;
  name: string;
  type: 'file' | 'directory';
  size: number;
}

/**
 * One web-mode publish of a file, with the requests the page makes (renderer/src/lib/uploads.ts
 * BrowserUpload, renderer/src/state/publish.svelte.ts): open a batch, POST the file's bytes as one
 * body with its path headers, seal, then publish.open with the staged id, preview, start, and wait
 * for the transfer's `transfers.changed` done. A fresh host per publish, started before the clock.
 */
export async function publishThroughWebHost(home: string, registryUrl: string, repository: string, tag: string, file: string, webEntry?: string): Promise<WebPublishTimes> {
  const host = await WebHostSession.start(home, webEntry);
  try {
    const registry = await host.call<{ id: string }>('registries.add', { url: registryUrl, name: 'bench' });
    const baselineRssBytes = (await host.memory()).rssBytes;
    const transfers = new Map<string, TransferView>();
    host.onEvent((name, payload) => {
      if (name === 'transfers.changed') for (const view of payload as TransferView[]) transfers.set(view.id, view);
    });

    const started = performance.now();
    const staged = await uploadFile(host, file);
    const uploaded = performance.now();
    const draft = await host.call<PublishDraft>('publish.open', { sources: [{ type: 'staged', id: staged.id }], target: { registryId: registry.id } });
    const options: PublishOptions = { draftId: draft.draftId, registryId: registry.id, repository, tags: [tag], kind: 'files', created: { mode: 'off' } };
    const preview = await host.call<PublishPreview>('publish.preview', options);
    if (preview.problems.length > 0) throw new Error(`the preview has problems: ${preview.problems.join(' ')}`);
    const prepared = performance.now();
    const { transferId } = await host.call<{ transferId: string }>('publish.start', options);
    const view = await settled(host, transfers, transferId);
    const pushed = performance.now();

    if (view.state !== 'done') throw new Error(`the web publish ended ${view.state}: ${view.error?.message ?? ''}`);
    if (view.result?.digest !== preview.digest) throw new Error(`pushed ${view.result?.digest ?? '?'}, previewed ${preview.digest}`);
    const { peakBytes } = await host.memory();
    return {
      uploadMs: uploaded - started,
      prepareMs: prepared - uploaded,
      pushMs: pushed - prepared,
      peakRssBytes: peakBytes,
      baselineRssBytes,
      check: `staged ${staged.size} bytes as ${staged.type}, ${preview.layers.length} layer(s), ${preview.digest}`,
    };
  } finally {
    await host.stop();
  }
}

/** BrowserUpload.run for one dropped file: POST batches, POST entries (the File as the body), POST seal. */
async function uploadFile(host: WebHostSession, file: string): Promise<StagedEntry> {
  const { batch } = await send<{ batch: string }>(host, '/api/uploads/batches', {});
  const base = `/api/uploads/batches/${batch}`;
  const { mtimeMs } = await stat(file);
  await send(host, `${base}/entries`, { 'X-Stevedore-Path': encodeURIComponent(basename(file)), 'X-Stevedore-Entry-Type': 'file', 'X-Stevedore-Modified': String(Math.trunc(mtimeMs)) }, file);
  const { entries } = await send<{ entries: StagedEntry[] }>(host, `${base}/seal`, {});
  const [entry] = entries;
  if (entries.length !== 1 || !entry) throw new Error(`the seal named ${entries.length} entries, not 1`);
  return entry;
}

/** One POST with the page's headers; a file body is streamed with its length, as XHR sends a File. */
async function send<T = unknown>(host: WebHostSession, path: string, headers: Record<string, string>, bodyFile?: string): Promise<T> {
  const length = bodyFile === undefined ? 0 : (await stat(bodyFile)).size;
  return new Promise<T>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers: host.headers({ ...headers, 'content-length': String(length) }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`POST ${path.replace(/[0-9a-f-]{36}/, '<batch>')} answered ${res.statusCode ?? '?'}: ${text.slice(0, 300)}`));
        else resolve((text ? JSON.parse(text) : null) as T);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (bodyFile === undefined) req.end();
    else createReadStream(bodyFile).on('error', reject).pipe(req);
  });
}

/** The transfer's last view once `transfers.changed` says it has finished, whichever way. */
function settled(host: WebHostSession, seen: Map<string, TransferView>, transferId: string): Promise<TransferView> {
  const finished = (view: TransferView | undefined) => view !== undefined && ['done', 'failed', 'cancelled'].includes(view.state);
  return new Promise((resolve, reject) => {
    const early = seen.get(transferId);
    if (finished(early)) return resolve(early as TransferView);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the web publish did not finish within ${SETTLE_TIMEOUT_MS / 60_000} min`));
    }, SETTLE_TIMEOUT_MS);
    const stop = host.onEvent(() => {
      const view = seen.get(transferId);
      if (finished(view)) {
        clearTimeout(timer);
        stop();
        resolve(view as TransferView);
      }
    });
  });
}
