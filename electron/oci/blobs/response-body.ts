import type { RegistryResponse } from '../registry-http';

/** Drains a response body we do not need, so the connection can be reused; never throws. */
export async function discard(response: RegistryResponse): Promise<void> {
  try {
    await response.body.dump({ limit: 64 * 1024 });
  } catch {
    // the body is unwanted; a failure to drain it changes nothing
  }
}
