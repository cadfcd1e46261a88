import { measureCommand, syncFile } from './measure';

/** skopeo, talking plain HTTP to the loopback registry, with a throw-away HOME for its caches. */
export interface SkopeoEnv {
  home: string;
}

function env(skopeo: SkopeoEnv): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: skopeo.home, TMPDIR: skopeo.home };
}

/**
 * `skopeo copy oci:<layout>:<tag> docker://<host>/<repository>:<tag>`, the whole command timed.
 * `--preserve-digests`: without it skopeo gzips uncompressed layers on the way (other bytes, more work).
 */
export function skopeoPush(skopeo: SkopeoEnv, layoutDir: string, tag: string, host: string, repository: string): Promise<number> {
  return measureCommand('skopeo', ['copy', '--quiet', '--preserve-digests', '--dest-tls-verify=false', `oci:${layoutDir}:${tag}`, `docker://${host}/${repository}:${tag}`], env(skopeo));
}

/** `skopeo copy docker://… oci:<fresh dir>:<tag>`, keeping the layers as they are (no recompression). */
export function skopeoPull(skopeo: SkopeoEnv, host: string, repository: string, tag: string, layoutDir: string): Promise<number> {
  return measureCommand(
    'skopeo',
    ['copy', '--quiet', '--preserve-digests', '--src-tls-verify=false', '--dest-oci-accept-uncompressed-layers', `docker://${host}/${repository}:${tag}`, `oci:${layoutDir}:${tag}`],
    env(skopeo),
  );
}

/** The pull floor: `curl -o <file> <blob URL>`, then fdatasync (Stevedore and skopeo sync too). */
export async function curlPull(url: string, targetPath: string): Promise<number> {
  const started = performance.now();
  await measureCommand('curl', ['--silent', '--show-error', '--fail', '--output', targetPath, url]);
  await syncFile(targetPath);
  return performance.now() - started;
}
