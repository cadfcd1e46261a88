import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLocal } from './check-local';
import { localRegistry } from './local-registry';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'check-local-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the Local registry check', () => {
  it('is connected once its folder exists (made private if need be), saying where it is', async () => {
    const saved = localRegistry(dir);
    const status = await checkLocal(saved, new Date('2026-01-01T00:00:00Z'));
    expect(status).toEqual({ state: 'connected', reason: `Artifacts stored on this computer, in ${join(dir, 'local')}. No login, no network.`, checkedAt: '2026-01-01T00:00:00.000Z' });
    expect((await stat(join(dir, 'local'))).mode & 0o777).toBe(0o700);
  });

  it('reports a damaged repository by name and file, and changes nothing', async () => {
    const saved = localRegistry(dir);
    await mkdir(join(dir, 'local', 'team', 'ok'), { recursive: true });
    await writeFile(join(dir, 'local', 'team', 'ok', 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await writeFile(join(dir, 'local', 'team', 'ok', 'index.json'), '{"schemaVersion":2,"manifests":[]}');
    expect((await checkLocal(saved)).state).toBe('connected');
    await mkdir(join(dir, 'local', 'team', 'broken'), { recursive: true });
    await writeFile(join(dir, 'local', 'team', 'broken', 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await writeFile(join(dir, 'local', 'team', 'broken', 'index.json'), '{"schemaVersion":2,');
    const status = await checkLocal(saved);
    expect(status).toMatchObject({ state: 'error', reason: expect.stringContaining('The Local repository "team/broken" is damaged: index.json is not valid JSON') });
    expect(await readFile(join(dir, 'local', 'team', 'broken', 'index.json'), 'utf8')).toBe('{"schemaVersion":2,');
  });

  it('reports a folder that cannot be used, with the reason and what to do', async () => {
    await writeFile(join(dir, 'local'), 'a file where the folder should be');
    const status = await checkLocal(localRegistry(dir));
    expect(status.state).toBe('error');
    expect(status.reason).toMatch(/The Local registry's folder .*local cannot be used \((EEXIST|ENOTDIR)\): check that it exists and that you may write to it\./);
  });
});
