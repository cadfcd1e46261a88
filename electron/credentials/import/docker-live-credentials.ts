import type { CredentialFunction } from '../credential';
import { credentialHost } from '../credential-host';
import { readChosenLogins, scanLogins, type ScanOptions } from './scan-logins';

/**
 * For registries set to "use Docker's credentials": reads the login from Docker's config and
 * helpers each time it is asked, copying nothing into Stevedore's own store.
 */
export function dockerLiveCredentials(options: ScanOptions = {}): CredentialFunction {
  return async (host) => {
    const wanted = credentialHost(host);
    const { found } = await scanLogins(options);
    const match = found.find((f) => f.source === 'docker' && f.host === wanted);
    if (!match) return undefined;
    const [login] = (await readChosenLogins([match.id], options)).logins;
    if (!login) return undefined;
    return login.secretKind === 'identity-token' ? { identityToken: login.secret } : { username: login.username, password: login.secret };
  };
}
