import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { Bridge } from '../../shared/contract';
import { createBridge } from './bridge';
import { CALL_CHANNEL, DROPPED_CHANNEL, EVENT_CHANNEL, type EventMessage } from './channels';
import { droppedPaths, type DropEventLike } from './drop-watch';

type DomFile = Parameters<typeof webUtils.getPathForFile>[0];

const bridge = createBridge({
  invoke: (name, input) => ipcRenderer.invoke(CALL_CHANNEL, name, input),
  subscribe: (listener) => {
    ipcRenderer.on(EVENT_CHANNEL, (_event, message: EventMessage) => listener(message));
  },
  pathForFile: (file) => webUtils.getPathForFile(file as DomFile),
});

// Only these three functions cross into the page; never ipcRenderer itself.
const exposed: Bridge = {
  call: (name, input) => bridge.call(name, input),
  on: (name, listener) => bridge.on(name, listener),
  pathForFile: (file) => webUtils.getPathForFile(file as DomFile),
};
contextBridge.exposeInMainWorld('stevedore', exposed);

interface WindowLike {
  addEventListener(type: 'drop', listener: (event: unknown) => void, capture: boolean): void;
}

// Capture phase, so a drop the page handles and stops still registers its paths first.
(globalThis as unknown as WindowLike).addEventListener(
  'drop',
  (event) => {
    const paths = droppedPaths(event as DropEventLike, (file) => webUtils.getPathForFile(file as DomFile));
    if (paths.length > 0) ipcRenderer.send(DROPPED_CHANNEL, paths);
  },
  true,
);
