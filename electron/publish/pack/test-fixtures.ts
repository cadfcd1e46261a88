import type { PublishOptions } from '../../../shared/contract';
import { digestBytes } from '../../oci/blobs/digest';
import type { ManifestExtras, PreparedBlob } from './pack-types';

/** Test helpers: a prepared blob of in-memory bytes, default options, extras. Used by the packers' specs only. */
export function blobOf(id: string, name: string, text: string, more: Partial<PreparedBlob> = {}): PreparedBlob {
  const data = Buffer.from(text);
  const digest = digestBytes(data);
  return { id, name, type: 'file', source: { data, digest }, digest, size: data.length, mediaType: 'application/vnd.oci.image.layer.v1.tar', ...more };
}

export function optionsOf(more: Partial<PublishOptions> = {}): PublishOptions {
  return { draftId: 'd1', registryId: 'local', repository: 'demo', tags: ['v1'], kind: 'files', created: { mode: 'off' }, ...more };
}

export function extrasOf(more: Partial<ManifestExtras> = {}): ManifestExtras {
  return { annotations: {}, created: undefined, ...more };
}
