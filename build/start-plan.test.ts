import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronRuntime, startPlan, WEB_MODE_NOTICE } from './start-plan.mjs';

const electronDir = '/repo/node_modules/electron';
const disk = (files: Record<string, string>) => ({
  exists: (file: string) => Object.hasOwn(files, file),
  readFile: (file: string) => files[file] ?? '',
});

describe('electronRuntime', () => {
  it('is absent when the package has no path.txt (the binary was never downloaded), as here', () => {
    expect(electronRuntime({ electronDir, env: {}, ...disk({ [`${electronDir}/package.json`]: '{}' }) })).toEqual({
      present: false,
      reason: 'the Electron binary was never downloaded',
    });
  });
  it('is present when path.txt names a binary that exists', () => {
    const files = { [`${electronDir}/package.json`]: '{}', [`${electronDir}/path.txt`]: 'electron\n', [`${electronDir}/dist/electron`]: '' };
    expect(electronRuntime({ electronDir, env: {}, ...disk(files) })).toEqual({ present: true, binary: `${electronDir}/dist/electron` });
  });
  it('is absent when path.txt names a binary that was deleted', () => {
    const files = { [`${electronDir}/package.json`]: '{}', [`${electronDir}/path.txt`]: 'electron' };
    expect(electronRuntime({ electronDir, env: {}, ...disk(files) })).toMatchObject({ present: false });
  });
  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const files = { [`${electronDir}/package.json`]: '{}', '/opt/electron/electron': '' };
    expect(electronRuntime({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, ...disk(files) })).toEqual({ present: true, binary: '/opt/electron/electron' });
    expect(electronRuntime({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }, ...disk(files) })).toMatchObject({ present: false });
  });
  it('is absent when the electron package is not installed at all', () => {
    expect(electronRuntime({ electronDir, env: {}, ...disk({}) })).toMatchObject({ present: false, reason: 'the electron package is not installed' });
  });
  it('reads the real node_modules/electron of this repo as absent', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const dir = path.resolve(import.meta.dirname, '..', 'node_modules', 'electron');
    expect(electronRuntime({ electronDir: dir, env: {}, exists: existsSync, readFile: (f) => readFileSync(f, 'utf8') }).present).toBe(false);
  });
});

describe('startPlan', () => {
  const options = { repoRoot: '/repo', nodePath: '/usr/bin/node', webEntry: '/repo/out/web/web.mjs', webEntryExists: true };
  it('runs Electron on the repo when it is there', () => {
    expect(startPlan({ present: true, binary: '/e/electron' }, options)).toEqual({ command: '/e/electron', args: ['/repo'] });
  });
  it('falls back to web mode with one line saying why', () => {
    expect(startPlan({ present: false, reason: 'x' }, options)).toEqual({ notice: WEB_MODE_NOTICE, command: '/usr/bin/node', args: ['/repo/out/web/web.mjs'] });
    expect(WEB_MODE_NOTICE).not.toContain('\n');
  });
  it('says to build first when the web host is not built', () => {
    expect(startPlan({ present: false, reason: 'x' }, { ...options, webEntryExists: false })).toEqual({ error: expect.stringMatching(/out\/web\/web.mjs is missing: run `npm run build`/) });
  });
});
