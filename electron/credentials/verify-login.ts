import { ContractError } from '../../shared/contract';
import { redact } from '../log/redact';
import { parseChallenges, pickChallenge } from '../oci/auth/challenge';
import { LoginRefusedError } from '../oci/auth/login-refused';
import { isAbort, registryErrorFrom, toContractError } from '../oci/errors';
import type { RegistryResponse } from '../oci/registry-http';
import { connectionProblem } from '../oci/transport/connection-problem';
import { readCa } from './ca-file';
import { withCheckClient } from './check-client';
import { secretOf, type RegistryCredential, type VerifyLogin } from './credential';

const TIMEOUT_MS = 15_000;


/**
 * Proves a login before it is saved, as `docker login` does: `GET /v2/` through the OCI client with
 * the credential being verified (Basic, or a token from the registry's realm, identity tokens by the
 * OAuth2 refresh grant). Resolves when the registry accepts; throws a ContractError a user can act on.
 */
export const verifyLogin: VerifyLogin = async (target, credential, signal) => {
  const ca = target.caCertPath ? await readCa(target.caCertPath) : undefined;
  const secret = secretOf(credential);
  const clean = (text: string) => redact(text.split(secret).join('[redacted]'));
  const check = { url: target.url, ...(ca ? { ca } : {}), ...(target.insecure ? { insecure: true } : {}) };
  await withCheckClient(check, async () => credential, TIMEOUT_MS, async (client) => {
    let res: RegistryResponse;
    try {
      res = await client.send({ method: 'GET', url: '/v2/', scopes: [], ...(signal ? { signal } : {}) });
    } catch (error) {
      throw refusal(error, client.host, credential, clean);
    }
    if (res.statusCode === 200) {
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return;
    }
    const challenge = pickChallenge(parseChallenges(res.headers['www-authenticate']));
    const answer = await registryErrorFrom('GET', res.url, res);
    const host = client.host;
    if (res.statusCode === 401 || res.statusCode === 403) {
      if (res.statusCode === 401 && !challenge) {
        const offered = parseChallenges(res.headers['www-authenticate'])[0]?.scheme ?? 'no challenge';
        throw new ContractError('unauthorized', `${host} asks for a kind of login Stevedore does not speak (${clean(offered).slice(0, 40)}).`);
      }
      if (challenge?.scheme === 'basic' && 'identityToken' in credential) {
        throw new ContractError('invalid-input', `${host} asks for a user name and password, not an identity token.`);
      }
      throw new ContractError('unauthorized', `${host} refused the login for ${who(credential)}: ${said(answer.errors[0]?.message, clean, `HTTP ${res.statusCode}`)}.`);
    }
    if (res.statusCode === 404) throw new ContractError('not-found', `${host} answered GET /v2/ with 404: it does not look like an OCI registry.`);
    throw toContractError(answer);
  });
};

/** A failure before the registry answered `/v2/`: the token service's refusal, a transport problem, or the OCI client's own refusal (hostile realm, redirect). */
function refusal(error: unknown, host: string, credential: RegistryCredential, clean: (text: string) => string): unknown {
  if (isAbort(error)) return error;
  if (error instanceof LoginRefusedError) {
    return new ContractError('unauthorized', `${host} refused the login for ${who(credential)}: ${said(error.serviceMessage, clean, 'its token service said no')}.`);
  }
  const problem = connectionProblem(error, host);
  if (problem?.kind === 'tls') return new ContractError('network', `${problem.reason}: trust its CA certificate in the registry's settings, or mark it insecure if you trust the network.`);
  if (problem) return new ContractError('network', problem.reason);
  return toContractError(error);
}

function who(credential: RegistryCredential): string {
  return 'username' in credential ? credential.username : 'that identity token';
}

function said(message: string | undefined, clean: (text: string) => string, fallback: string): string {
  const text = message?.trim() ? clean(message.trim()).replace(/\.$/, '').slice(0, 200) : '';
  return text ? `"${text}"` : fallback;
}
