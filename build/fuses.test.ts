import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fuses from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import afterPack from './fuses.cjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const fuseNames = Object.keys(fuses.FuseV1Options).filter((key) => Number.isNaN(Number(key)));

describe('fuseSettings', () => {
  it('sets every fuse this @electron/fuses knows, so strictlyRequireAllFuses holds', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      expect(Object.keys(afterPack.fuseSettings(platform)).sort()).toEqual([...fuseNames].sort());
    }
  });
  it('turns off Node-as-a-CLI and file:// privileges, turns on cookie encryption everywhere', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      expect(afterPack.fuseSettings(platform)).toMatchObject({
        RunAsNode: false,
        EnableNodeOptionsEnvironmentVariable: false,
        EnableNodeCliInspectArguments: false,
        GrantFileProtocolExtraPrivileges: false,
        EnableCookieEncryption: true,
      });
    }
  });
  it('requires the asar (with integrity) on macOS and Windows only', () => {
    expect(afterPack.fuseSettings('darwin')).toMatchObject({ EnableEmbeddedAsarIntegrityValidation: true, OnlyLoadAppFromAsar: true });
    expect(afterPack.fuseSettings('win32')).toMatchObject({ EnableEmbeddedAsarIntegrityValidation: true, OnlyLoadAppFromAsar: true });
    expect(afterPack.fuseSettings('linux')).toMatchObject({ EnableEmbeddedAsarIntegrityValidation: false, OnlyLoadAppFromAsar: false });
  });
  it('builds a strict @electron/fuses config', () => {
    const config = afterPack.fuseConfig('darwin', fuses) as unknown as Record<string, unknown>;
    expect(config.strictlyRequireAllFuses).toBe(true);
    expect(config[fuses.FuseV1Options.RunAsNode]).toBe(false);
    expect(config[fuses.FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });
});

describe('electronBinaryPath', () => {
  const base = { appOutDir: '/o', productFilename: 'Stevedore', executableName: 'stevedore' };
  it('finds the binary electron-builder wrote on each platform', () => {
    expect(afterPack.electronBinaryPath({ ...base, electronPlatformName: 'linux' })).toBe('/o/stevedore');
    expect(afterPack.electronBinaryPath({ ...base, electronPlatformName: 'darwin' })).toBe('/o/Stevedore.app');
    expect(afterPack.electronBinaryPath({ ...base, electronPlatformName: 'win32' })).toBe('/o/Stevedore.exe');
    expect(() => afterPack.electronBinaryPath({ ...base, electronPlatformName: 'aix' })).toThrow(/aix/);
  });
});

describe('afterPack on a mock Electron binary (the real one cannot be downloaded here)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stevedore-fuses-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('flips the fuse wire of a Linux build as configured', async () => {
    // Electron's layout: sentinel, wire version 1, wire length 9, then one byte per fuse ('1' on).
    const wire = Buffer.from('101100001');
    await writeFile(path.join(dir, 'stevedore'), Buffer.concat([Buffer.from('ELF-ish prefix '), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), wire, Buffer.from(' suffix')]));
    await afterPack({ appOutDir: dir, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'Stevedore' }, executableName: 'stevedore' } });

    const current = await fuses.getCurrentFuseWire(path.join(dir, 'stevedore'));
    const on = (name: keyof typeof fuses.FuseV1Options) => current[fuses.FuseV1Options[name]] === fuses.FuseState.ENABLE;
    expect(on('RunAsNode')).toBe(false);
    expect(on('EnableCookieEncryption')).toBe(true);
    expect(on('EnableNodeOptionsEnvironmentVariable')).toBe(false);
    expect(on('EnableNodeCliInspectArguments')).toBe(false);
    expect(on('GrantFileProtocolExtraPrivileges')).toBe(false);
    expect(on('WasmTrapHandlers')).toBe(true);
    expect((await readFile(path.join(dir, 'stevedore'), 'latin1')).endsWith(' suffix')).toBe(true);
  });
});
