import { RegistryClient } from '../oci/client/registry-client';
import type { CredentialFunction } from '../oci/auth/credentials';
import { createDispatcher } from '../oci/transport/dispatcher';

export interface CheckTarget {
  /** The registry's base URL. */
  url: string;
  /** PEM CA certificate(s) the user trusts for this registry. */
  ca?: string;
  /** Plain HTTP or unverified TLS, by the user's explicit opt-in. */
  insecure?: boolean;
}

/**
 * Runs `work` with a short-lived OCI client for a one-off check (status, login): the registry's CA
 * and insecure opt-in, short timeouts, no retries, two connections, all closed afterwards.
 */
export async function withCheckClient<T>(
  target: CheckTarget,
  credentials: CredentialFunction | undefined,
  timeoutMs: number,
  work: (client: RegistryClient) => Promise<T>,
): Promise<T> {
  const dispatcher = createDispatcher({
    ...(target.ca ? { ca: target.ca } : {}),
    insecure: target.insecure === true,
    connections: 2,
    headersTimeoutMs: timeoutMs,
    bodyTimeoutMs: timeoutMs,
  });
  try {
    const client = new RegistryClient({
      baseUrl: target.url,
      ...(credentials ? { credentials } : {}),
      insecure: target.insecure === true,
      dispatcher,
      retry: { maxAttempts: 1 },
    });
    return await work(client);
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}
