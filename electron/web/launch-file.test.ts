import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchPage, removeLaunchFile, writeLaunchFile } from './launch-file';

describe('launch file', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stevedore-launch-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('holds the token address in a file only this user can read, named without the token', async () => {
    const url = 'http://127.0.0.1:4321/?token=abc_DEF-123';
    const path = await writeLaunchFile(dataDir, 4321, url);
    expect(path).toBe(join(dataDir, 'run', 'open-4321.html'));
    expect(path).not.toContain('abc_DEF-123');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'run'))).mode & 0o777).toBe(0o700);
    expect(await readFile(path, 'utf8')).toContain('content="0;url=http://127.0.0.1:4321/?token=abc_DEF-123"');
  });

  it('replaces a file left by an earlier launch on the same port and is removed on shutdown', async () => {
    await writeLaunchFile(dataDir, 4321, 'http://127.0.0.1:4321/?token=old');
    const path = await writeLaunchFile(dataDir, 4321, 'http://127.0.0.1:4321/?token=new');
    const page = await readFile(path, 'utf8');
    expect(page).toContain('token=new');
    expect(page).not.toContain('token=old');
    await removeLaunchFile(path);
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('escapes the address so it cannot end the attribute', () => {
    const page = launchPage('http://127.0.0.1:1/?a="><script>x</script>&b');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;b');
  });
});
