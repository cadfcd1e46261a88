import Module from 'node:module';

/** Where the stand-in sits in the module cache; no file has this name. */
const STAND_IN_ID = '/electron-stand-in/electron.js';

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  _cache: Record<string, Module>;
}

/**
 * Makes `require('electron')`, from any module loaded after this, return `exports`, the way
 * Electron's own loader answers that id. Only the id `electron` is redirected.
 */
export function installElectronModule(exports: unknown): void {
  const internals = Module as unknown as ModuleInternals;
  const resolve = internals._resolveFilename.bind(Module);
  internals._resolveFilename = (request, parent, ...rest) => (request === 'electron' ? STAND_IN_ID : resolve(request, parent, ...rest));
  const standIn = new Module(STAND_IN_ID);
  standIn.filename = STAND_IN_ID;
  standIn.loaded = true;
  standIn.exports = exports;
  internals._cache[STAND_IN_ID] = standIn;
}
