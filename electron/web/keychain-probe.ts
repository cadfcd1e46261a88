import { createRequire } from 'node:module';

interface KeytarLike {
  findCredentials(service: string): Promise<unknown[]>;
}

/** True when keytar loads and a Secret Service answers within the time limit. */
export async function probeKeychain(timeoutMs = 2000): Promise<boolean> {
  let keytar: KeytarLike;
  try {
    keytar = createRequire(import.meta.url)('keytar') as KeytarLike;
  } catch {
    return false;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([keytar.findCredentials('stevedore-probe').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
