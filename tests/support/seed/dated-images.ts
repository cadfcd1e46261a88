import { Bundle } from './content';
import type { Descriptor, Platform } from './go-json';
import { buildOciImage, type ImageSpec } from './image';
import { packIndex } from './pack';
import { pushBundle, type PushTarget } from './push';
import { SeedHttp } from './registry-http';

/** An image whose build date is only in its config's `created` (no created annotation). */
export interface DatedImage {
  repository: string;
  tag: string;
  digest: string;
  /** What the config says, verbatim (not always a valid date). */
  created: string;
  /** Config digests: one for an image, one per platform for an index. */
  configs: string[];
}

export interface DatedImages {
  /** A single-platform image with an RFC 3339 date in its config. */
  valid: DatedImage;
  /** A single-platform image whose config's `created` is not an RFC 3339 timestamp. */
  invalid: DatedImage;
  /** A two-platform index (no annotations) whose platforms were built at different times; `created` is the newer. */
  multi: DatedImage;
}

function spec(created: string, platform: Platform): ImageSpec {
  return {
    created,
    platform,
    files: [{ path: 'hello.txt', content: `built ${created} for ${platform.architecture}\n` }],
    entrypoint: ['/hello'],
    cmd: [],
    env: [],
    exposedPorts: [],
    labels: {},
  };
}

const AMD64: Platform = { architecture: 'amd64', os: 'linux' };
const ARM64: Platform = { architecture: 'arm64', os: 'linux', variant: 'v8' };

/**
 * Pushes, with skopeo from OCI layouts as docker build / buildah output reaches a registry, images
 * whose only date is in the config: one valid, one with an invalid date, one multi-platform index
 * whose platforms differ in date. Repositories under `dates/`, separate from seedRegistry's.
 */
export async function seedDatedImages(registry: { host: string }, signal?: AbortSignal): Promise<DatedImages> {
  const http = new SeedHttp(registry.host, 4);
  const target: PushTarget = { host: registry.host, http, ...(signal ? { signal } : {}) };
  try {
    const single = async (repository: string, created: string): Promise<DatedImage> => {
      const image = buildOciImage(spec(created, AMD64));
      await pushBundle(target, image.bundle, repository, '1.0', 'skopeo');
      return { repository, tag: '1.0', digest: image.manifest.digest, created, configs: [image.config.digest] };
    };
    const valid = await single('dates/valid', '2023-11-07T09:41:03.123456789Z');
    const invalid = await single('dates/invalid', 'Tuesday, 7 Nov 2023');

    const bundle = new Bundle();
    const older = buildOciImage(spec('2023-03-01T08:00:00Z', AMD64), bundle);
    const newer = buildOciImage(spec('2023-03-02T10:30:00+02:00', ARM64), bundle);
    const entries: Descriptor[] = [
      { ...older.manifest, platform: AMD64 },
      { ...newer.manifest, platform: ARM64 },
    ];
    const index = packIndex(bundle, entries);
    await pushBundle(target, bundle, 'dates/multi', '2.0', 'skopeo');
    const multi: DatedImage = { repository: 'dates/multi', tag: '2.0', digest: index.digest, created: '2023-03-02T10:30:00+02:00', configs: [older.config.digest, newer.config.digest] };
    return { valid, invalid, multi };
  } finally {
    await http.close();
  }
}
