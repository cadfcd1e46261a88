import { loadKeytar } from '../credentials/load-keytar';

/**
 * Whether the OS keychain module loads (the capability the UI shows before any login). When it
 * does not (no libsecret, a failed native build), logins last for the session only. Whether a
 * keychain service actually answers is the credentials service's check, at first use.
 */
export async function keychainLoads(load: () => Promise<unknown> = loadKeytar): Promise<boolean> {
  try {
    const keytar = (await load()) as { getPassword?: unknown; default?: { getPassword?: unknown } };
    return typeof (keytar.getPassword ?? keytar.default?.getPassword) === 'function';
  } catch {
    return false;
  }
}
