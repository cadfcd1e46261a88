import type { Configuration } from 'electron-builder';

declare const config: Configuration & {
  linux?: { target?: unknown };
  mac?: { target?: unknown };
  win?: { target?: unknown };
};
export = config;
