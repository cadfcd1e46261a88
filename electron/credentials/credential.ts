/** A login as the OCI client uses it: a user name and password (or token), or an OAuth identity token. */
export type RegistryCredential = { username: string; password: string } | { identityToken: string };

/** What the OCI client asks for each host it talks to. Undefined means anonymous. */
export type CredentialFunction = (host: string) => Promise<RegistryCredential | undefined>;

/** Checks a login against the registry; throws a ContractError('unauthorized', …) when it is refused. */
export type VerifyLogin = (registry: VerifyTarget, credential: RegistryCredential, signal?: AbortSignal) => Promise<void>;

/** The registry a login is checked against: its base URL and, when the user trusts one, its CA certificate file. */
export interface VerifyTarget {
  url: string;
  caCertPath?: string;
  /** Plain HTTP or unverified TLS, by the user's explicit opt-in for this registry. */
  insecure?: boolean;
}

export function secretOf(credential: RegistryCredential): string {
  return 'identityToken' in credential ? credential.identityToken : credential.password;
}
