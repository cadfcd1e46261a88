import { ContractError } from '../../../shared/contract/errors';
import { RegistryError, type RegistryErrorDetail } from '../../oci/errors';
import type { ImageManifest } from '../../oci/manifests/manifest-types';

const MEDIA_TYPE_WORDS = /media[ _-]?type|mediatype/i;
const MAX_REASON = 200;

/**
 * A manifest the registry refused for what it is, not for a passing fault: its media type (GitLab
 * checks `artifactType` and the config's media type against an allow-list and answers 400
 * MANIFEST_INVALID "unknown media type: …"; others answer 415) or its size (413). The message names
 * the registry's reason and the types sent, and says what to do. Anything else: undefined.
 */
export function manifestRefusal(error: unknown, manifest: ImageManifest, size: number, host: string): ContractError | undefined {
  if (!(error instanceof RegistryError)) return undefined;
  const reason = reasonOf(error.errors);
  if (error.status === 413) {
    return new ContractError('invalid-input', `${host} refused the manifest as too large (${size.toLocaleString('en')} bytes, HTTP 413)${reason ? `: ${reason}` : ''}. Publish fewer files in one artifact (a folder goes up as one layer), or ask the registry's administrator about its limit.`);
  }
  const invalid = error.errors.some((e) => e.code === 'MANIFEST_INVALID' || e.code === 'UNSUPPORTED');
  if (error.status !== 415 && !(invalid && MEDIA_TYPE_WORDS.test(reason))) return undefined;
  const sent = [
    manifest.artifactType ? `artifact type ${manifest.artifactType}` : undefined,
    `config media type ${manifest.config.mediaType}`,
  ].filter((part): part is string => part !== undefined);
  return new ContractError(
    'invalid-input',
    `${host} does not accept this kind of artifact: ${reason || `HTTP ${error.status}`} (sent: ${sent.join(', ')}). ` +
      'Publish it as another kind, or ask the registry\'s administrator to allow these media types (GitLab keeps an allow-list). ' +
      'The files already sent stay in the registry unreferenced; the next attempt reuses them.',
  );
}

/** The registry's own words: `detail` when it is text (GitLab puts the media type there), else `message`. */
function reasonOf(errors: readonly RegistryErrorDetail[]): string {
  const parts: string[] = [];
  for (const e of errors.slice(0, 3)) {
    const detail = typeof e.detail === 'string' ? e.detail : '';
    const text = [e.message, detail].filter((t) => t.trim() !== '').join(': ');
    if (text) parts.push(text);
  }
  // untrusted text from the registry: printable characters only, bounded
  const clean = parts.join('; ').replace(/[^\x20-\x7e]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > MAX_REASON ? `${clean.slice(0, MAX_REASON)}…` : clean;
}
