/** What the caller may give for a registry. The client never keeps it beyond one token fetch. */
export type Credential =
  | { username: string; password: string }
  | { identityToken: string; username?: string }
  | { registryToken: string };

/** Looks credentials up per host (`host[:port]`); undefined means anonymous. */
export type CredentialFunction = (host: string) => Promise<Credential | undefined>;

export const anonymous: CredentialFunction = async () => undefined;

export function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
