import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions({ x: 1, y: 2, width: 900, height: 700 }, '/app/out/electron/preload.cjs');
  it('hardens the renderer as security.md asks', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      preload: '/app/out/electron/preload.cjs',
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });
  it('opens at the given bounds, hidden until ready', () => {
    expect(options).toMatchObject({ x: 1, y: 2, width: 900, height: 700, show: false });
  });
});
