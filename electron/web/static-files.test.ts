import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticPath } from './static-files';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'stevedore-static-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), 'index');
  await writeFile(join(root, 'assets', 'app.js'), 'js');
  await writeFile(join(base, 'secret.txt'), 'secret');
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveStaticPath', () => {
  it('maps / to index.html and plain paths to files inside the root', async () => {
    expect(await resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(await resolveStaticPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/..%5csecret.txt', '/index.html%00.js', '/%E0%A4%A', '/assets'])(
    'refuses %s',
    async (path) => {
      expect(await resolveStaticPath(root, path)).toBeNull();
    },
  );

  it('refuses a symlink that leads out of the root', async () => {
    expect(await resolveStaticPath(root, '/assets/link.txt')).toBeNull();
  });
});
