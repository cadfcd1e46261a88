import type { ImageManifest } from '../../oci/manifests/manifest-types';
import { unsafeReason } from '../extract/entry-path';
import { digestFileName, ORAS_CONTENT_DIGEST, ORAS_UNPACK, TITLE, type DownloadPlan } from './plan-types';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * Files, volumes and any ORAS artifact, as `oras pull` lays them out: each titled layer to its
 * title, packed folders unpacked (their uncompressed tar checked against
 * `io.deis.oras.content.digest`), and, unlike `oras pull`, layers without a title kept under
 * their digest rather than dropped. `only`: just the layer with this title.
 */
export function planFiles(manifest: ImageManifest, only?: string): DownloadPlan {
  const plan: DownloadPlan = { outputs: [], refused: [], notes: [] };
  const seen = new Set<string>();
  let untitled = 0;
  for (const layer of manifest.layers) {
    const title = layer.annotations?.[TITLE];
    if (only !== undefined && title !== only) continue;
    if (title === undefined || title === '') {
      untitled += 1;
      const name = digestFileName(layer.digest);
      if (seen.has(name)) continue;
      seen.add(name);
      plan.outputs.push({ kind: 'blob', name, descriptor: layer });
      continue;
    }
    const unsafe = unsafeReason(title);
    if (unsafe !== undefined) {
      plan.refused.push({ name: title, reason: `${unsafe.replace(/^"[^"]*" /, '')}: this layer's title cannot be a file name here` });
      continue;
    }
    const key = title.replace(/\/+$/, '');
    if (seen.has(key)) {
      plan.refused.push({ name: title, reason: 'has the same title as an earlier layer' });
      continue;
    }
    seen.add(key);
    if (layer.annotations?.[ORAS_UNPACK] === 'true') {
      const tarDigest = layer.annotations[ORAS_CONTENT_DIGEST];
      if (tarDigest !== undefined && !DIGEST.test(tarDigest)) {
        plan.refused.push({ name: title, reason: `declares "${tarDigest.slice(0, 80)}" as its content digest, which is not a sha256 digest` });
        continue;
      }
      plan.outputs.push({ kind: 'unpack', name: key, descriptor: layer, ...(tarDigest ? { tarDigest } : {}) });
      continue;
    }
    plan.outputs.push({ kind: 'blob', name: key, descriptor: layer });
  }
  if (untitled > 0) {
    plan.notes.push(
      `${untitled} layer${untitled === 1 ? '' : 's'} had no file name (no ${TITLE} annotation): kept under ${untitled === 1 ? 'its digest' : 'their digests'} (oras pull would skip ${untitled === 1 ? 'it' : 'them'}).`,
    );
  }
  return plan;
}
