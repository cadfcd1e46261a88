import { ContractError, isErrorCode, type ErrorPayload } from '../../../shared/contract/errors';

/** One file of a drop or pick, with its path relative to what was dropped (`site/css/main.css`). */
export interface UploadFile {
  path: string;
  file: File;
}

/** What the browser will send: files, and folders that have nothing in them (the others come with their files). */
export interface UploadSet {
  files: UploadFile[];
  emptyFolders: string[];
  bytes: number;
}

/** A top-level file or folder the host staged, by the id `publish.open` takes. */
export interface StagedUpload {
  id: string;
  name: string;
  type: 'file' | 'directory';
  size: number;
  fileCount: number;
}

export const MAX_UPLOAD_FILES = 10_000;
const PARALLEL_FILES = 4;

const tooMany = () => new ContractError('invalid-input', `One drop can hold at most ${MAX_UPLOAD_FILES.toLocaleString('en')} files; drop fewer, or pack them first.`);

/**
 * The files and folders of a drop. The DataTransfer is only readable during the drop event, so
 * its entries are taken at once; the folders are then walked with the entries API (Chromium,
 * Firefox and Safari all offer `webkitGetAsEntry`), empty folders included.
 */
export function collectDrop(dataTransfer: DataTransfer): Promise<UploadSet> {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) return Promise.resolve(collectPicked(Array.from(dataTransfer.files)));
  return walkEntries(entries);
}

/** The files of `<input type=file multiple>` or `<input webkitdirectory>` (the browser gives no empty folders there). */
export function collectPicked(files: readonly File[]): UploadSet {
  if (files.length > MAX_UPLOAD_FILES) throw tooMany();
  const out = files.map((file) => ({ path: file.webkitRelativePath || file.name, file }));
  return { files: out, emptyFolders: [], bytes: out.reduce((n, f) => n + f.file.size, 0) };
}

async function walkEntries(roots: FileSystemEntry[]): Promise<UploadSet> {
  const set: UploadSet = { files: [], emptyFolders: [], bytes: 0 };
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const entry = stack.pop();
    if (!entry) break;
    const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
    if (isFile(entry)) {
      if (set.files.length >= MAX_UPLOAD_FILES) throw tooMany();
      const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
      set.files.push({ path, file });
      set.bytes += file.size;
    } else if (isDirectory(entry)) {
      const children = await readAll(entry);
      if (children.length === 0) set.emptyFolders.push(path);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as FileSystemEntry);
    }
  }
  return set;
}

/** `readEntries` hands out a folder in pages (100 at a time in Chromium) until it returns none. */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (page.length === 0) return all;
    all.push(...page);
    if (all.length > MAX_UPLOAD_FILES) throw tooMany();
  }
}

const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;

/**
 * Sends an UploadSet to the web host's staging area (`/api/uploads/batches`, same origin, the
 * session cookie), a few files at a time, reporting bytes as they go. `cancel` stops every
 * request and deletes what arrived.
 */
export class BrowserUpload {
  private readonly requests = new Set<XMLHttpRequest>();
  private readonly sent = new Map<string, number>();
  private batch: string | undefined;
  private cancelled = false;

  constructor(
    private readonly set: UploadSet,
    private readonly onProgress: (bytes: number) => void,
  ) {}

  async run(): Promise<StagedUpload[]> {
    this.batch = (await request<{ batch: string }>('POST', 'api/uploads/batches')).batch;
    const base = `api/uploads/batches/${this.batch}`;
    try {
      for (const folder of this.set.emptyFolders) {
        this.throwIfCancelled();
        await request('POST', `${base}/entries`, { 'X-Stevedore-Path': encodeURIComponent(folder), 'X-Stevedore-Entry-Type': 'directory' });
      }
      const queue = [...this.set.files];
      const worker = async (): Promise<void> => {
        for (let next = queue.shift(); next; next = queue.shift()) await this.sendFile(base, next);
      };
      await Promise.all(Array.from({ length: PARALLEL_FILES }, worker));
      this.throwIfCancelled();
      return (await request<{ entries: StagedUpload[] }>('POST', `${base}/seal`)).entries;
    } catch (error) {
      const cancelled = this.cancelled;
      // One file failed: the others stop too, and what arrived is removed.
      this.cancel();
      void request('DELETE', base).catch(() => undefined);
      throw cancelled ? new ContractError('cancelled', 'Upload cancelled.') : error;
    }
  }

  cancel(): void {
    this.cancelled = true;
    for (const xhr of this.requests) xhr.abort();
  }

  private sendFile(base: string, { path, file }: UploadFile): Promise<void> {
    this.throwIfCancelled();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      this.requests.add(xhr);
      xhr.open('POST', new URL(`${base}/entries`, document.baseURI).href);
      xhr.setRequestHeader('X-Stevedore-Path', encodeURIComponent(path));
      xhr.setRequestHeader('X-Stevedore-Entry-Type', 'file');
      xhr.setRequestHeader('X-Stevedore-Modified', String(Math.trunc(file.lastModified)));
      xhr.upload.onprogress = (event) => this.progress(path, event.loaded);
      xhr.onload = () => {
        this.requests.delete(xhr);
        if (xhr.status === 201) {
          this.progress(path, file.size);
          resolve();
        } else reject(errorOf(xhr.status, xhr.responseText));
      };
      xhr.onerror = () => {
        this.requests.delete(xhr);
        reject(new ContractError('network', `The upload of "${path}" to Stevedore failed; is it still running?`));
      };
      xhr.onabort = () => {
        this.requests.delete(xhr);
        reject(new ContractError('cancelled', 'Upload cancelled.'));
      };
      xhr.send(file);
    });
  }

  private progress(path: string, bytes: number): void {
    this.sent.set(path, bytes);
    let total = 0;
    for (const n of this.sent.values()) total += n;
    this.onProgress(total);
  }

  private throwIfCancelled(): void {
    if (this.cancelled) throw new ContractError('cancelled', 'Upload cancelled.');
  }
}

async function request<T = unknown>(method: string, path: string, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(path, document.baseURI), { method, headers, credentials: 'same-origin' });
  } catch {
    throw new ContractError('network', 'Cannot reach Stevedore to upload: is it still running?');
  }
  const text = await res.text();
  if (!res.ok) throw errorOf(res.status, text);
  return (text ? JSON.parse(text) : null) as T;
}

/** The host answers `{error: {code, message}}`; anything else is described by its status. */
export function errorOf(status: number, body: string): ContractError {
  try {
    const { error } = JSON.parse(body) as { error?: ErrorPayload };
    if (error && typeof error.message === 'string') return new ContractError(isErrorCode(error.code) ? error.code : 'internal', error.message.slice(0, 500));
  } catch {
    // not JSON: a guard's plain-text refusal
  }
  if (status === 401) return new ContractError('unauthorized', 'Stevedore no longer knows this page: open it again with the address Stevedore printed.');
  return new ContractError('internal', `The upload failed (HTTP ${status}).`);
}
