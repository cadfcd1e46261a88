import type { z } from 'zod';
import { appCalls, appEvents } from './app';
import type { Envelope } from './errors';
import type { Phantom, Unphantom } from './phantom';
import { catalogCalls, catalogEvents } from './catalog';
import { loginCalls, loginEvents } from './logins';
import { registryCalls, registryEvents } from './registries';
import { transferCalls, transferEvents } from './transfers';
import { publishCalls, publishEvents } from './publish';
import { downloadCalls, downloadEvents } from './downloads';
import { copyCalls, copyEvents } from './copy';
import { importCalls, importEvents } from './imports';
import { exportCalls, exportEvents } from './exports';

export * from './errors';
export type * from './app';
export * from './registries';
export * from './logins';
export type * from './catalog';
export type * from './transfers';
export * from './publish';
export * from './downloads';
export * from './copy';
export type * from './imports';
export type * from './exports';
export * from './names';

/** Every call the renderer can make of the main process, by domain. */
export const calls = {
  ...appCalls,
  ...registryCalls,
  ...loginCalls,
  ...catalogCalls,
  ...transferCalls,
  ...publishCalls,
  ...downloadCalls,
  ...copyCalls,
  ...importCalls,
  ...exportCalls,
} as const satisfies Record<string, { input: z.ZodType; output: Phantom<unknown> }>;

/** Every event the main process sends to the renderer. */
export const events = {
  ...appEvents,
  ...registryEvents,
  ...loginEvents,
  ...catalogEvents,
  ...transferEvents,
  ...publishEvents,
  ...downloadEvents,
  ...copyEvents,
  ...importEvents,
  ...exportEvents,
} as const satisfies Record<string, Phantom<unknown>>;

export type CallName = keyof typeof calls;
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
/** The input after validation, as services receive it. */
export type CallArgs<N extends CallName> = z.output<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = Unphantom<(typeof calls)[N]['output']>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = Unphantom<(typeof events)[E]>;

/** Anything with a name that the host can turn into a local path (a DOM File). */
export interface DroppedFileLike {
  readonly name: string;
}

/**
 * What a host exposes to the renderer. Electron: the preload's `window.stevedore`.
 * Web mode: the renderer's WebSocket client implements the same shape.
 */
export interface Bridge {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Envelope<CallOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Electron only: the OS path of a dropped file. */
  pathForFile?(file: DroppedFileLike): string;
}

/** The implementation side: one async handler per call, given validated arguments. */
export interface CallContext {
  signal: AbortSignal;
}
export type Handlers = {
  [N in CallName]: (args: CallArgs<N>, ctx: CallContext) => Promise<CallOutput<N>>;
};

export interface EventSink {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.hasOwn(calls, name);
