import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TIMEOUT_MS = 120_000;

async function skopeo(args: string[], signal?: AbortSignal): Promise<string> {
  try {
    const { stdout } = await run('skopeo', args, { timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, signal });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`skopeo ${args[0]} failed: ${stderr.trim().slice(0, 600) || (error as Error).message}`);
  }
}

/** Pushes `oci:<dir>:<tag>` as is (`--all --preserve-digests`: fail rather than rewrite a manifest). */
export async function skopeoPush(layoutDir: string, tag: string, host: string, repo: string, signal?: AbortSignal): Promise<void> {
  await skopeo(['copy', '--all', '--preserve-digests', '--quiet', '--dest-tls-verify=false', `oci:${layoutDir}:${tag}`, `docker://${host}/${repo}:${tag}`], signal);
}

/** Pushes a `dir:` layout (used for Docker schema2, which skopeo's `oci:` reader rejects). */
export async function skopeoPushDir(dir: string, host: string, repo: string, tag: string, signal?: AbortSignal): Promise<void> {
  await skopeo(['copy', '--all', '--preserve-digests', '--quiet', '--dest-tls-verify=false', `dir:${dir}`, `docker://${host}/${repo}:${tag}`], signal);
}

/** Copies `docker://host/repo:tag` into an OCI layout. */
export async function skopeoPull(host: string, repo: string, tag: string, layoutDir: string, signal?: AbortSignal): Promise<void> {
  await skopeo(['copy', '--all', '--preserve-digests', '--quiet', '--src-tls-verify=false', `docker://${host}/${repo}:${tag}`, `oci:${layoutDir}:${tag}`], signal);
}

/** The manifest bytes exactly as the registry stores them. */
export async function skopeoInspectRaw(host: string, repo: string, reference: string, signal?: AbortSignal): Promise<string> {
  const sep = reference.startsWith('sha256:') ? '@' : ':';
  return skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${host}/${repo}${sep}${reference}`], signal);
}
