import type { TestTokenServer } from '../../support/token-server';

/** An identity (refresh) token for the user, as `docker login` gets one: a Basic GET asking for an offline token. */
export async function issueIdentityToken(server: Pick<TestTokenServer, 'realm' | 'service'>, username: string, password: string): Promise<string> {
  const url = new URL(server.realm);
  url.searchParams.set('service', server.service);
  url.searchParams.set('offline_token', 'true');
  const reply = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` } });
  const { refresh_token: token } = (await reply.json()) as { refresh_token?: unknown };
  if (typeof token !== 'string') throw new Error(`the token server gave no refresh token (HTTP ${reply.status})`);
  return token;
}
