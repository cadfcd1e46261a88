import { readFile } from 'node:fs/promises';
import vm from 'node:vm';
import { Journal } from './journal';

type Listener = (...args: unknown[]) => void;

/** A DOM File as the stand-in's webUtils sees it: `path` is what the OS would report (none for in-page drags). */
export interface StandInFile {
  name: string;
  path?: string;
}

/** The renderer-side `electron` a sandboxed preload gets, recording every call. */
export interface PreloadStandIn {
  journal: Journal;
  /** What `contextBridge.exposeInMainWorld` was given, by key. */
  exposed: Map<string, unknown>;
  /** What `ipcRenderer.invoke` answers: the main process's side. */
  answer: (channel: string, ...args: unknown[]) => unknown;
  /** Delivers a message from main on `channel` to the preload's listeners. */
  fromMain(channel: string, ...args: unknown[]): void;
  /** Fires a DOM event on the page's window, as the browser would. */
  dispatch(type: string, event: unknown): void;
  /** Module ids the preload asked `require` for that a sandboxed preload cannot have. */
  refused: string[];
}

export interface PreloadRun extends PreloadStandIn {
  /** Set when evaluating the preload threw. */
  error?: Error;
}

/**
 * Evaluates a built preload the way Electron runs a sandboxed one: no Node, a `require` that knows
 * only `electron` (Electron's own polyfill adds `events`, `timers` and `url`, which this preload has
 * no use for, so they are refused too), no `__dirname` or `__filename`, and a window to listen on.
 */
export async function runPreloadInSandbox(file: string): Promise<PreloadRun> {
  const journal = new Journal();
  const exposed = new Map<string, unknown>();
  const rendererListeners = new Map<string, Listener[]>();
  const windowListeners = new Map<string, Listener[]>();
  const refused: string[] = [];
  const run: PreloadRun = {
    journal,
    exposed,
    refused,
    answer: () => ({ ok: true, value: null }),
    fromMain(channel, ...args) {
      for (const listener of rendererListeners.get(channel) ?? []) listener({ sender: null }, ...args);
    },
    dispatch(type, event) {
      for (const listener of windowListeners.get(type) ?? []) listener(event);
    },
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        journal.record('contextBridge.exposeInMainWorld', key, api);
        if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]): Promise<unknown> {
        journal.record('ipcRenderer.invoke', channel, ...args);
        return Promise.resolve(run.answer(channel, ...args));
      },
      send(channel: string, ...args: unknown[]): void {
        journal.record('ipcRenderer.send', channel, ...args);
      },
      on(channel: string, listener: Listener) {
        journal.record('ipcRenderer.on', channel);
        rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]);
        return electron.ipcRenderer;
      },
    },
    webUtils: {
      getPathForFile(file: StandInFile): string {
        journal.record('webUtils.getPathForFile', file.name);
        if (typeof file.path !== 'string') throw new Error('Not a file from the file system.');
        return file.path;
      },
    },
  };
  const sandboxRequire = (id: string): unknown => {
    if (id === 'electron') return electron;
    refused.push(id);
    throw new Error(`module not found: ${id}`);
  };
  const window = {
    addEventListener(type: string, listener: Listener) {
      journal.record('window.addEventListener', type);
      windowListeners.set(type, [...(windowListeners.get(type) ?? []), listener]);
    },
    removeEventListener() {},
  };
  const context = vm.createContext({ ...window, console });
  const source = await readFile(file, 'utf8');
  // Electron's sandboxed preload wrapper: these parameters, nothing else from Node.
  const wrapper = `(function (exports, require, module, process, Buffer, global, setImmediate, clearImmediate) {${source}\n})`;
  const module = { exports: {} };
  try {
    const evaluate = vm.runInContext(wrapper, context, { filename: file }) as (...args: unknown[]) => void;
    const sandboxProcess = { platform: process.platform, type: 'renderer', sandboxed: true, contextIsolated: true, versions: {}, env: {} };
    evaluate(module.exports, sandboxRequire, module, sandboxProcess, Buffer, context, setImmediate, clearImmediate);
  } catch (error) {
    // Errors thrown by the preload's own code come from the context's realm, not this one's Error.
    run.error = new Error(String((error as { message?: unknown } | null)?.message ?? error));
  }
  return run;
}
