/** IPC channel names shared by the preload and electron/host/ipc.ts; nothing else may use IPC. */
export const CALL_CHANNEL = 'stevedore:call';
export const EVENT_CHANNEL = 'stevedore:event';
export const DROPPED_CHANNEL = 'stevedore:dropped';

/** What main sends on EVENT_CHANNEL. */
export interface EventMessage {
  name: string;
  payload: unknown;
}
