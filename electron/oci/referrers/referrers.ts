import { ContractError } from '../../../shared/contract';
import { pullScope } from '../auth/scopes';
import { header } from '../headers';
import { nextLink } from '../listing/link-header';
import { MAX_PAGES } from '../listing/paginate';
import type { ManifestStore } from '../manifests/manifest-store';
import type { Descriptor } from '../manifests/manifest-types';
import { OCI_INDEX } from '../manifests/media-types';
import { parseManifest } from '../manifests/parse-manifest';
import { MAX_MANIFEST_BYTES, readBounded } from '../read-bounded';
import { assertDigest } from '../reference/digest';
import type { RegistryHttp } from '../registry-http';
import { readReferrersByTag } from './tag-schema';

export interface ReferrersOptions {
  artifactType?: string;
  signal?: AbortSignal;
}

/** What a registry's answer says about the referrers API; `undefined` until first asked. */
export type ReferrersSupport = { supported: boolean | undefined };

/**
 * The referrers of `subject`: the referrers API when the registry has it (validated: a 200 that
 * is not an image index counts as unsupported), else the `sha256-<hex>` tag schema.
 */
export async function listReferrers(
  http: RegistryHttp,
  store: ManifestStore,
  subject: string,
  options: ReferrersOptions = {},
  support: ReferrersSupport = { supported: undefined },
): Promise<Descriptor[]> {
  assertDigest(subject, 'subject digest');
  if (support.supported !== false) {
    const viaApi = await fromApi(http, store.repository, subject, options);
    support.supported = viaApi !== undefined;
    if (viaApi) return viaApi;
  }
  const all = await readReferrersByTag(store, subject, options.signal);
  return filterByType(all, options.artifactType);
}

function filterByType(list: Descriptor[], artifactType: string | undefined): Descriptor[] {
  return artifactType === undefined ? list : list.filter((d) => d.artifactType === artifactType);
}

async function fromApi(http: RegistryHttp, repository: string, subject: string, options: ReferrersOptions): Promise<Descriptor[] | undefined> {
  const query = options.artifactType ? `?artifactType=${encodeURIComponent(options.artifactType)}` : '';
  let url: string | undefined = `/v2/${repository}/referrers/${subject}${query}`;
  const origin = new URL(http.baseUrl).origin;
  const seen = new Set<string>();
  const out: Descriptor[] = [];
  let first = true;
  while (url !== undefined) {
    const absolute = new URL(url, http.baseUrl).toString();
    if (seen.has(absolute) || seen.size >= MAX_PAGES) throw new ContractError('network', 'The registry’s referrers pages loop or never end; stopped.');
    seen.add(absolute);
    const res = await http.send({ method: 'GET', url, headers: { accept: OCI_INDEX }, scopes: [pullScope(repository)], ...(options.signal ? { signal: options.signal } : {}) });
    if (first && res.statusCode !== 200) {
      await res.body.dump().catch(() => undefined);
      if (res.statusCode === 404 || res.statusCode === 400 || res.statusCode === 405) return undefined;
      throw new ContractError(res.statusCode === 401 ? 'unauthorized' : res.statusCode === 403 ? 'denied' : 'network', `The registry answered HTTP ${res.statusCode} when asked for referrers.`);
    }
    const bytes = await readBounded(res.body, res.headers['content-length'], MAX_MANIFEST_BYTES, 'referrers list');
    const contentType = header(res.headers, 'content-type')?.split(';', 1)[0]?.trim();
    let manifests: Descriptor[];
    try {
      if (contentType !== OCI_INDEX) throw new Error('not an index');
      const parsed = parseManifest(bytes, contentType);
      if (parsed.kind !== 'index') throw new Error('not an index');
      manifests = parsed.index.manifests;
    } catch (error) {
      if (first) return undefined;
      throw error instanceof ContractError ? error : new ContractError('network', 'The registry sent a referrers page that is not an image index.');
    }
    const filtered = header(res.headers, 'oci-filters-applied')?.split(',').map((s) => s.trim()).includes('artifactType');
    out.push(...(filtered ? manifests : filterByType(manifests, options.artifactType)));
    first = false;
    const next = nextLink(res.headers.link, res.url);
    if (next !== undefined && new URL(next).origin !== origin) throw new ContractError('network', 'The registry pointed the next referrers page at another server; refused.');
    url = next;
  }
  return out;
}
