import { describe, expect, it } from 'vitest';
import { clampToDisplays, DEFAULT_SIZE, MIN_SIZE, parseWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const external = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('clampToDisplays', () => {
  it('keeps a window that is fully visible where it was', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700 };
    expect(clampToDisplays(saved, [laptop])).toEqual(saved);
  });
  it('centres a default-sized window when nothing was saved', () => {
    expect(clampToDisplays(null, [laptop])).toEqual({ x: 120, y: 50, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
  });
  it('moves a window saved on an unplugged monitor to the primary display', () => {
    const saved = { x: 2000, y: 100, width: 1000, height: 700 };
    expect(clampToDisplays(saved, [laptop])).toEqual({ x: 220, y: 100, width: 1000, height: 700 });
  });
  it('keeps the display the window mostly overlaps and pulls it fully inside', () => {
    const saved = { x: 3500, y: 1000, width: 1000, height: 700 };
    expect(clampToDisplays(saved, [laptop, external])).toEqual({ x: 3000, y: 740, width: 1000, height: 700 });
  });
  it('shrinks a window larger than its display', () => {
    const saved = { x: -50, y: -50, width: 5000, height: 3000 };
    expect(clampToDisplays(saved, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 900 });
  });
  it('grows a tiny window to the minimum size', () => {
    const saved = { x: 10, y: 10, width: 50, height: 40 };
    expect(clampToDisplays(saved, [laptop])).toEqual({ x: 10, y: 10, width: MIN_SIZE.width, height: MIN_SIZE.height });
  });
  it('never exceeds a display smaller than the minimum', () => {
    const tiny = { x: 0, y: 0, width: 640, height: 400 };
    expect(clampToDisplays({ x: 0, y: 0, width: 800, height: 600 }, [tiny])).toEqual({ x: 0, y: 0, width: 640, height: 400 });
  });
  it('works with displays at negative coordinates', () => {
    const left = { x: -1920, y: 0, width: 1920, height: 1080 };
    expect(clampToDisplays({ x: -2000, y: 500, width: 1000, height: 800 }, [laptop, left])).toEqual({ x: -1920, y: 280, width: 1000, height: 800 });
  });
});

describe('parseWindowState', () => {
  it('accepts a saved state and rounds it', () => {
    expect(parseWindowState({ bounds: { x: 1.4, y: 2, width: 800.6, height: 600 }, maximized: true })).toEqual({
      bounds: { x: 1, y: 2, width: 801, height: 600 },
      maximized: true,
    });
  });
  it('treats anything but true as not maximized', () => {
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: 'yes' })?.maximized).toBe(false);
  });
  it('refuses malformed or absurd states', () => {
    for (const value of [
      null,
      'x',
      {},
      { bounds: null },
      { bounds: { x: 0, y: 0, width: 0, height: 600 } },
      { bounds: { x: 0, y: 0, width: '800', height: 600 } },
      { bounds: { x: Number.NaN, y: 0, width: 800, height: 600 } },
      { bounds: { x: 1e12, y: 0, width: 800, height: 600 } },
    ]) {
      expect(parseWindowState(value), JSON.stringify(value)).toBeNull();
    }
  });
});
