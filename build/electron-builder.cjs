// electron-builder configuration: `npm run dist` (needs the Electron zip, so not on offline machines).
'use strict';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'io.stevedore.app',
  productName: 'Stevedore',
  copyright: 'Copyright © Stevedore contributors',
  directories: { output: 'dist', buildResources: 'build' },
  files: ['out/**', '!out/**/*.map', 'package.json'],
  asar: true,
  // keytar's native module cannot be loaded from inside an asar archive.
  asarUnpack: ['**/node_modules/keytar/**/*.node'],
  afterPack: './build/fuses.cjs',
  icon: 'build/icons/icon.png',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    executableName: 'stevedore',
    synopsis: 'Desktop manager for OCI registry artifacts',
  },
  deb: { depends: ['libsecret-1-0'] },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
