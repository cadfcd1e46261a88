import type { IncomingMessage, ServerResponse } from 'node:http';
import { ContractError } from '../../shared/contract/errors';
import type { Logger } from '../log/logger';
import { decodeUploadPath } from './upload-paths';
import { UploadTooLarge, type StagingArea } from './uploads';

const FILE_NAME_HEADER = 'x-stevedore-file-name';
const PATH_HEADER = 'x-stevedore-path';
const ENTRY_TYPE_HEADER = 'x-stevedore-entry-type';
const MODIFIED_HEADER = 'x-stevedore-modified';
class WrongMethod extends ContractError {}

const BATCH_PATH = /^\/api\/uploads\/batches\/([0-9a-f-]{36})(\/entries|\/seal)?$/;

/**
 * The upload routes, all behind the web host's guard:
 * - `POST /api/uploads` (X-Stevedore-File-Name): one flat file → `{id, name, size}`.
 * - `POST /api/uploads/batches` → `{batch}`: a dropped or picked set of files and folders.
 * - `POST /api/uploads/batches/<id>/entries` (X-Stevedore-Path, X-Stevedore-Entry-Type: file|directory,
 *   optional X-Stevedore-Modified in ms): one file's bytes, or an empty folder.
 * - `POST /api/uploads/batches/<id>/seal` → `{entries: [{id, name, type, size, fileCount}]}`.
 * - `DELETE /api/uploads/batches/<id>`: a cancelled upload, removed.
 * Returns false when the path is not an upload route.
 */
export async function handleUploadRoute(pathname: string, req: IncomingMessage, res: ServerResponse, staging: StagingArea, log: Logger): Promise<boolean> {
  if (pathname !== '/api/uploads' && !pathname.startsWith('/api/uploads/')) return false;
  try {
    await route(pathname, req, res, staging);
  } catch (error) {
    const payload = error instanceof ContractError ? error.toPayload() : { code: 'internal', message: 'The upload failed.' };
    if (!(error instanceof ContractError)) log.error('upload failed', error);
    const status = statusOf(error);
    // The rest of a refused body is not read: closing is cheaper than draining gigabytes.
    res.setHeader('Connection', 'close');
    json(res, status, { error: payload });
  }
  return true;
}

async function route(pathname: string, req: IncomingMessage, res: ServerResponse, staging: StagingArea): Promise<void> {
  if (pathname === '/api/uploads') {
    requireMethod(req, 'POST');
    const staged = await staging.receive(req, header(req, FILE_NAME_HEADER));
    return json(res, 201, { id: staged.id, name: staged.name, size: staged.size });
  }
  if (pathname === '/api/uploads/batches') {
    requireMethod(req, 'POST');
    return json(res, 201, { batch: (await staging.openBatch()).id });
  }
  const match = BATCH_PATH.exec(pathname);
  if (!match) throw new ContractError('not-found', 'No such upload route.');
  const [, batchId = '', action] = match;
  if (action === undefined) {
    requireMethod(req, 'DELETE');
    await staging.discard(batchId);
    res.writeHead(204).end();
    return;
  }
  requireMethod(req, 'POST');
  if (action === '/seal') {
    const entries = staging.seal(batchId).map(({ id, name, type, size, fileCount }) => ({ id, name, type, size, fileCount }));
    return json(res, 200, { entries });
  }
  const batch = staging.batch(batchId);
  if (!batch) throw new ContractError('not-found', 'That upload is not open (finished, cancelled or from an earlier run); drop the files again.');
  const path = decodeUploadPath(header(req, PATH_HEADER));
  const type = header(req, ENTRY_TYPE_HEADER) ?? 'file';
  if (type === 'directory') {
    await batch.addDirectory(path);
    return json(res, 201, { size: 0 });
  }
  if (type !== 'file') throw new ContractError('invalid-input', 'X-Stevedore-Entry-Type is "file" or "directory".');
  const size = await batch.addFile(path, req, modifiedOf(header(req, MODIFIED_HEADER)));
  json(res, 201, { size });
}

function statusOf(error: unknown): number {
  if (error instanceof UploadTooLarge) return 413;
  if (error instanceof WrongMethod) return 405;
  if (error instanceof ContractError) return error.code === 'not-found' ? 404 : 400;
  return 500;
}

function modifiedOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = Number(raw);
  // Any time from 1970 to 2100; anything else is ignored rather than refused (the bytes matter, not the date).
  return Number.isInteger(ms) && ms >= 0 && ms < 4_102_444_800_000 ? ms : undefined;
}

function requireMethod(req: IncomingMessage, method: string): void {
  if (req.method !== method) throw new WrongMethod('invalid-input', `Uploads use ${method} here.`);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}
