import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { commandOutput } from '../measure';
import { webHostAddress } from '../../support/web-host-address';

// Bundled into out/bench/main.mjs (tests/bench/run.mjs), so the repository is two folders up.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const WEB_ENTRY = join(repoRoot, 'out/web/web.mjs');

/**
 * Bundles the web host from the working tree into `outfile` (as the integration tests do), so the
 * row measures the code as it is now, not whatever `out/web/` was last built from. The page itself
 * is served from out/renderer/ (the row only uses the host's HTTP and WebSocket API).
 */
export async function buildWebHost(outfile: string): Promise<string> {
  await commandOutput(process.execPath, [join(repoRoot, 'build/build.mjs'), '--only=web', `--web-outfile=${outfile}`]);
  return outfile;
}
const START_TIMEOUT_MS = 30_000;
const CALL_TIMEOUT_MS = 15 * 60 * 1000;

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
type EventListener = (name: string, payload: unknown) => void;

/**
 * The built web host (`out/web/web.mjs`, what `npm run web` users run) as the page sees it: the
 * session cookie the token address sets, and the one WebSocket for contract calls and events.
 */
export class WebHostSession {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (envelope: Envelope) => void>();
  private readonly listeners = new Set<EventListener>();
  cookie = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
    readonly port: number,
  ) {}

  /** Starts the host over `home` (its data folder and, through TMPDIR, its staging area live there). */
  static async start(home: string, entry: string = WEB_ENTRY): Promise<WebHostSession> {
    if (!existsSync(entry)) throw new Error(`The web row runs the built web host: run \`npm run build\` first (${entry} is missing).`);
    const child = spawn(process.execPath, [entry], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TMPDIR: home, STEVEDORE_DATA_DIR: join(home, 'data'), STEVEDORE_NO_BROWSER: '1', STEVEDORE_RENDERER_DIR: join(repoRoot, 'out/renderer') },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    const address = await webHostAddress(child, START_TIMEOUT_MS, () => stderr);
    const url = new URL(address);
    const session = new WebHostSession(child, url.origin, Number(url.port));
    try {
      await session.signIn(url);
      await session.connect();
    } catch (error) {
      await session.stop();
      throw error;
    }
    return session;
  }

  /** The host's peak and current resident memory (VmHWM, VmRSS), bytes. */
  async memory(): Promise<{ peakBytes: number; rssBytes: number }> {
    const status = await readFile(`/proc/${String(this.child.pid)}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { peakBytes: kib('VmHWM'), rssBytes: kib('VmRSS') };
  }

  /** Headers every page request carries: the Host the guard checks, the same-origin Origin, the cookie. */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { host: `127.0.0.1:${this.port}`, origin: this.origin, cookie: this.cookie, ...extra };
  }

  /** A contract call over the WebSocket, as the page's api.ts makes it; a refusal throws its message. */
  async call<T>(name: string, input: unknown): Promise<T> {
    const socket = this.socket;
    if (!socket) throw new Error('The WebSocket is not open.');
    const id = this.nextId++;
    const envelope = await new Promise<Envelope>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} got no answer within ${CALL_TIMEOUT_MS / 60_000} min`)), CALL_TIMEOUT_MS);
      this.pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      socket.send(JSON.stringify({ id, name, input }));
    });
    if (!envelope.ok) throw new Error(`${name} refused (${envelope.error.code}): ${envelope.error.message}`);
    return envelope.value as T;
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.socket?.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const killTimer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killTimer);
  }

  /** Opening the printed address answers 303 with the session cookie, as the browser gets it. */
  private async signIn(url: URL): Promise<void> {
    const res = await fetch(url, { redirect: 'manual' });
    await res.arrayBuffer();
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (res.status !== 303 || !cookie) throw new Error(`Opening the token address answered ${res.status} without a session cookie.`);
    this.cookie = cookie;
  }

  private async connect(): Promise<void> {
    const socket = new WebSocket(`ws://127.0.0.1:${this.port}/api/ws`, { headers: this.headers() });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { id?: number; envelope?: Envelope; event?: string; payload?: unknown };
      if (message.event !== undefined) {
        for (const listener of this.listeners) listener(message.event, message.payload);
      } else if (typeof message.id === 'number' && message.envelope) {
        this.pending.get(message.id)?.(message.envelope);
        this.pending.delete(message.id);
      }
    });
    this.socket = socket;
  }
}
