import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from './electron-builder.cjs';

const repo = fileURLToPath(new URL('..', import.meta.url));

describe('electron-builder config', () => {
  it('packages the built app only, with the fuses hook', () => {
    expect(config.appId).toBe('io.stevedore.app');
    expect(config.productName).toBe('Stevedore');
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(config.afterPack).toBe('./build/fuses.cjs');
    expect(existsSync(`${repo}/build/fuses.cjs`)).toBe(true);
  });
  it('keeps keytar native module outside the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/keytar/**/*.node']);
  });
  it('builds AppImage and deb, dmg, nsis', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });
});
