/**
 * Whether the OS keychain module loads. When it does not (no libsecret, a failed native build),
 * logins last for the session only and the UI says so.
 */
export async function keychainLoads(load: () => Promise<unknown> = () => import('keytar')): Promise<boolean> {
  try {
    const keytar = (await load()) as { getPassword?: unknown; default?: { getPassword?: unknown } };
    return typeof (keytar.getPassword ?? keytar.default?.getPassword) === 'function';
  } catch {
    return false;
  }
}
