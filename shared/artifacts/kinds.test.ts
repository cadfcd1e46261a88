import { describe, expect, it } from 'vitest';
import { DARK_BACKGROUND, displayLabel, isKindId, kindDef, kindIds, kinds, LIGHT_BACKGROUND, matchLayerType, matchType } from './kinds';
import * as mt from './media-types';

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG 2 contrast ratio. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('the kinds table', () => {
  it('has one entry per kind id, in the same order', () => {
    expect(kinds.map((k) => k.id)).toEqual([...kindIds]);
  });

  it('gives every kind a label, a description, an icon and colours', () => {
    for (const k of kinds) {
      expect(k.label.length, k.id).toBeGreaterThan(1);
      expect(k.description.endsWith('.'), k.id).toBe(true);
      expect(k.icon, k.id).toMatch(/^[a-z][a-z-]+$/);
      expect(k.colour.light, k.id).toMatch(/^#[0-9a-f]{6}$/);
      expect(k.colour.dark, k.id).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it.each(kinds.map((k) => [k.id, k.colour.light, k.colour.dark] as const))('%s colours reach 4.5:1 on both themes', (_id, light, dark) => {
    expect(contrast(light, LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(dark, DARK_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives each kind its own colour, so kinds stay apart in a list', () => {
    expect(new Set(kinds.map((k) => k.colour.light)).size).toBe(kinds.length);
    expect(new Set(kinds.map((k) => k.colour.dark)).size).toBe(kinds.length);
  });

  it('never lets two kinds claim the same artifact/config type or the same layer type', () => {
    const types = kinds.flatMap((k) => k.types.map((r) => r.mediaType));
    const layers = kinds.flatMap((k) => k.layerTypes.map((r) => r.mediaType));
    expect(new Set(types).size).toBe(types.length);
    expect(new Set(layers).size).toBe(layers.length);
  });

  it('does not recognise any kind from a plain image layer type (ORAS uses those for files)', () => {
    for (const t of mt.IMAGE_LAYER_TYPES) expect(matchLayerType(t), t).toBeUndefined();
  });

  it.each([
    [mt.DOCKER_VOLUME, 'docker-volume'],
    [mt.HELM_CONFIG, 'helm-chart'],
    [mt.NOTATION_SIGNATURE, 'signature'],
    [mt.SPIN_CONFIG, 'wasm'],
    [mt.SIF_CONFIG, 'singularity'],
    [mt.HARBOR_SBOM, 'sbom'],
    [mt.FALCO_PLUGIN_CONFIG, 'falco'],
  ])('matches %s to %s', (type, kind) => {
    expect(matchType(type)?.kind).toBe(kind);
  });

  it('leaves unknown types unmatched', () => {
    expect(matchType('application/vnd.random.volume.v1+tar.gz')).toBeUndefined();
    expect(matchType(mt.OCI_EMPTY)).toBeUndefined();
  });

  it('labels sub-kinds where they matter', () => {
    expect(displayLabel('wasm', 'spin')).toBe('Spin app');
    expect(displayLabel('signature', 'notation')).toBe('Signature (Notation)');
    expect(displayLabel('falco', 'falco-plugin')).toBe('Falco plugin');
    expect(displayLabel('helm-chart')).toBe('Helm chart');
  });

  it('checks kind ids from untrusted input', () => {
    expect(isKindId('helm-chart')).toBe(true);
    expect(isKindId('toString')).toBe(false);
    expect(isKindId(3)).toBe(false);
    expect(kindDef('other').label).toBe('Other');
  });
});
