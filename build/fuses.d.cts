import type { FuseConfig } from '@electron/fuses';

export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName: string };
}

declare function afterPack(context: AfterPackContextLike): Promise<void>;
declare namespace afterPack {
  export function fuseSettings(platform: string): Record<string, boolean>;
  export function fuseConfig(platform: string, fuses: typeof import('@electron/fuses')): FuseConfig;
  export function electronBinaryPath(options: { appOutDir: string; electronPlatformName: string; productFilename: string; executableName: string }): string;
  export { afterPack };
}
export = afterPack;
