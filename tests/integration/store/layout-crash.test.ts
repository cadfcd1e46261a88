import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../electron/store';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { bundleWriter } from './helpers';

let work: string;
let writer: string;

beforeAll(async () => {
  work = await makeTempDir('store-crash');
  writer = await bundleWriter(work);
});
afterAll(async () => {
  await removeTempDir(work);
});

/** Starts the writer and SIGKILLs it after `killAfterMs` (or when it ends by itself); resolves with the tags it reported. */
function runAndKill(dataDir: string, args: string[], killAfterMs: number, startAt = 0): Promise<{ landed: string[]; deleted: string[]; killed: boolean; began: number; ended: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRITER_START_AT: String(startAt) } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`writer failed (${String(code)}): ${err.slice(-1500)}`));
      const lines = out.split('\n');
      resolve({
        landed: lines.filter((l) => l.startsWith('tagged ')).map((l) => l.slice(7)),
        deleted: lines.filter((l) => l.startsWith('deleting ')).map((l) => l.slice(9)),
        killed: signal === 'SIGKILL',
        began: Number(lines.find((l) => l.startsWith('began '))?.slice(6) ?? 0),
        ended: Number(lines.find((l) => l.startsWith('ended '))?.slice(6) ?? 0),
      });
    });
  });
}

describe('a writer killed at random points leaves a layout that opens', () => {
  it('40 SIGKILLs while pushing, tagging, deleting and collecting: every tag resolves and nothing referenced is missing', async () => {
    const dataDir = `${work}/data`;
    const store = openLocalStore(dataDir);
    const repo = store.repository('crash/me');
    const confirmed = new Set<string>();
    const deleted = new Set<string>();
    let kills = 0;
    for (let round = 0; round < 40; round++) {
      // Node starts in ~60-150 ms on this machine; kill points spread over start-up and the writes after it.
      const result = await runAndKill(dataDir, ['crash/me', `r${round}`, 'forever', 'churn'], 60 + Math.floor(Math.random() * 400));
      if (result.killed) kills++;
      for (const tag of result.landed) confirmed.add(tag);
      for (const tag of result.deleted) deleted.add(tag);
      if (!(await repo.exists())) continue;
      const check = await repo.check();
      expect(check.missing, `round ${round}`).toEqual([]);
      const tags = new Set(await repo.allTags());
      for (const tag of confirmed) {
        if (!deleted.has(tag)) expect(tags.has(tag), `round ${round}: ${tag} was reported stored`).toBe(true);
      }
      for (const tag of tags) {
        const fetched = await repo.manifests().fetch(tag);
        expect(fetched.parsed.kind).toBe('manifest');
      }
    }
    expect(kills).toBeGreaterThan(30);
    expect(confirmed.size).toBeGreaterThan(0);
    // The lock a killed writer held never blocks the next one: a last writer finishes on its own.
    const last = await runAndKill(dataDir, ['crash/me', 'final', '3'], 60_000);
    expect(last.killed).toBe(false);
    expect(await repo.allTags()).toEqual(expect.arrayContaining(['final-0', 'final-1', 'final-2']));
  }, 180_000);

  it('two processes publishing to one repository at once: every tag of both lands in index.json', async () => {
    const dataDir = `${work}/concurrent`;
    const startAt = Date.now() + 1500;
    const [a, b] = await Promise.all([runAndKill(dataDir, ['shared/repo', 'a', '40'], 120_000, startAt), runAndKill(dataDir, ['shared/repo', 'b', '40'], 120_000, startAt)]);
    expect(a.killed || b.killed).toBe(false);
    // They really wrote at the same time: each began before the other ended.
    expect(a.began).toBeLessThan(b.ended);
    expect(b.began).toBeLessThan(a.ended);
    const repo = openLocalStore(dataDir).repository('shared/repo');
    const tags = await repo.allTags();
    const expected = [...Array.from({ length: 40 }, (_, i) => `a-${i}`), ...Array.from({ length: 40 }, (_, i) => `b-${i}`)];
    expect(tags.sort()).toEqual(expected.sort());
    expect((await repo.check()).missing).toEqual([]);
  }, 180_000);
});
