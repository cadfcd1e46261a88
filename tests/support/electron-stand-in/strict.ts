import type { Journal } from './journal';

/** Names that code probes on any object without meaning to call Electron (await, JSON, inspect, vitest). */
const PROBED = new Set(['then', 'toJSON', 'inspect', 'constructor', 'asymmetricMatch', 'nodeType', '$$typeof', 'toString', 'valueOf']);

/**
 * Wraps a stand-in so that reading an Electron API it does not implement fails loudly, naming the
 * API, instead of reaching the app as `undefined is not a function` somewhere later. Every such read
 * is also journalled as `missing`, so a report says what to add here.
 */
export function strict<T extends object>(target: T, name: string, journal: Journal): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'string' && !(property in object) && !PROBED.has(property)) {
        journal.record('missing', `${name}.${property}`);
        throw new Error(`The Electron stand-in has no ${name}.${property}: add it in tests/support/electron-stand-in/.`);
      }
      return Reflect.get(object, property, receiver) as unknown;
    },
  });
}
