import { spawn } from 'node:child_process';
import { z } from 'zod';
import { redact } from '../../log/redact';

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_OUTPUT_BYTES = 1024 * 1024;
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface HelperOptions {
  /** Environment for the helper (PATH decides which executable runs). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A helper that is missing, hangs, fails or lies. The message names the helper, never a secret. */
export class CredentialHelperError extends Error {
  override readonly name = 'CredentialHelperError';
  constructor(
    readonly helper: string,
    readonly reason: 'missing' | 'timeout' | 'failed' | 'junk' | 'not-found',
    message: string,
  ) {
    super(message);
  }
}

const GetReply = z.object({ ServerURL: z.string().max(2048).optional(), Username: z.string().max(1024), Secret: z.string().max(1024 * 1024) });
const ListReply = z.record(z.string().max(2048), z.string().max(1024));

/** `docker-credential-<name> get`: the server URL goes on stdin, never in argv. */
export async function helperGet(name: string, serverUrl: string, options: HelperOptions = {}): Promise<{ username: string; secret: string }> {
  const out = await runHelper(name, 'get', serverUrl, options);
  const parsed = parseJson(name, out, GetReply);
  return { username: parsed.Username, secret: parsed.Secret };
}

/** `docker-credential-<name> list`: server URL → user name, no secrets. */
export async function helperList(name: string, options: HelperOptions = {}): Promise<Record<string, string>> {
  return parseJson(name, await runHelper(name, 'list', '', options), ListReply);
}

function parseJson<T>(name: string, out: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(out);
  } catch {
    throw junk(name);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw junk(name);
  return parsed.data;
}

function junk(name: string): CredentialHelperError {
  return new CredentialHelperError(name, 'junk', `docker-credential-${name} printed something that is not the JSON the credential-helper protocol expects.`);
}

function runHelper(name: string, action: 'get' | 'list', input: string, options: HelperOptions): Promise<string> {
  if (!HELPER_NAME.test(name)) {
    return Promise.reject(new CredentialHelperError(name.slice(0, 64), 'missing', `"${name.slice(0, 64)}" is not a credential helper name.`));
  }
  const program = `docker-credential-${name}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], signal: options.signal });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let failure: CredentialHelperError | undefined;
    const fail = (error: CredentialHelperError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => fail(new CredentialHelperError(name, 'timeout', `${program} did not answer within ${Math.round(timeoutMs / 1000)} s; it may be waiting for a prompt or a locked keychain.`)), timeoutMs);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) fail(junk(name));
      else into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.stdin.on('error', () => undefined); // a helper that exits without reading stdin
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.name === 'AbortError') reject(error);
      else if (error.code === 'ENOENT') reject(new CredentialHelperError(name, 'missing', `${program} is not installed (not found on PATH); install it or remove "${name}" from the configuration.`));
      else if (error.code === 'EACCES') reject(new CredentialHelperError(name, 'missing', `${program} is not executable.`));
      else reject(new CredentialHelperError(name, 'failed', `${program} could not be started (${error.code ?? error.message}).`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      const out = Buffer.concat(stdout).toString('utf8');
      if (code === 0) return resolve(out);
      // Helpers report errors on stdout (docker-credential-helpers) or stderr; neither holds a secret on failure.
      const said = firstLine(Buffer.concat(stderr).toString('utf8')) || firstLine(out);
      if (/credentials not found/i.test(said)) return reject(new CredentialHelperError(name, 'not-found', `${program} has no login for that registry.`));
      reject(new CredentialHelperError(name, 'failed', `${program} ${action} failed (${signal ?? `exit code ${code}`})${said ? `: ${said}` : ''}.`));
    });
    child.stdin.end(input);
  });
}

function firstLine(text: string): string {
  return redact(text.trim().split('\n', 1)[0] ?? '').slice(0, 200);
}
