// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before signing,
// as /work/shared/reference/security.md lists. Every fuse is set explicitly (strictlyRequireAllFuses),
// so an Electron upgrade that adds a fuse fails the build until someone decides its value.
'use strict';

const path = require('node:path');

/** The fuse values for one platform, by fuse name. */
function fuseSettings(platform) {
  const asarOnly = platform === 'darwin' || platform === 'win32';
  return {
    RunAsNode: false,
    EnableCookieEncryption: true,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    EnableEmbeddedAsarIntegrityValidation: asarOnly,
    OnlyLoadAppFromAsar: asarOnly,
    LoadBrowserProcessSpecificV8Snapshot: false,
    GrantFileProtocolExtraPrivileges: false,
    WasmTrapHandlers: true,
  };
}

/** The @electron/fuses config for those settings; `fuses` is the imported @electron/fuses module. */
function fuseConfig(platform, fuses) {
  const config = { version: fuses.FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature: platform === 'darwin' };
  for (const [name, value] of Object.entries(fuseSettings(platform))) {
    const index = fuses.FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses does not know the fuse ${name}.`);
    config[index] = value;
  }
  return config;
}

/** Where electron-builder put the Electron binary (macOS: the .app bundle). */
function electronBinaryPath({ appOutDir, electronPlatformName, productFilename, executableName }) {
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    case 'linux':
      return path.join(appOutDir, executableName);
    default:
      throw new Error(`No fuse settings for platform ${electronPlatformName}.`);
  }
}

async function afterPack(context) {
  const fuses = await import('@electron/fuses');
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const binary = electronBinaryPath({
    appOutDir: context.appOutDir,
    electronPlatformName: context.electronPlatformName,
    productFilename: context.packager.appInfo.productFilename,
    executableName: context.packager.executableName,
  });
  await fuses.flipFuses(binary, fuseConfig(platform, fuses));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.afterPack = afterPack;
module.exports.fuseSettings = fuseSettings;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
