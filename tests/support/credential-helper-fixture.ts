import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'credential-helper-fixture-script.mjs');

export interface HelperFixture {
  /** A folder of `docker-credential-*` executables: `fixture`, `hang`, `fail`, `junk`. */
  binDir: string;
  /** Environment for helper calls: PATH with binDir first, the store file and the argv log. */
  env: NodeJS.ProcessEnv;
  /** Replaces what `docker-credential-fixture` holds: server URL → login. */
  setLogins(logins: Record<string, { Username: string; Secret: string }>): Promise<void>;
  /** Every argv the helpers were called with, one JSON array per call. */
  argvLog(): Promise<string>;
  remove(): Promise<void>;
}

/** Installs the fake credential helpers into a temp folder, to be put first on PATH. */
export async function installHelperFixture(names: readonly string[] = ['fixture', 'hang', 'fail', 'junk']): Promise<HelperFixture> {
  const binDir = await mkdtemp(join(tmpdir(), 'stevedore-helpers-'));
  for (const name of names) {
    const target = join(binDir, `docker-credential-${name}`);
    await copyFile(SCRIPT, target);
    await chmod(target, 0o755);
  }
  const storePath = join(binDir, 'store.json');
  const argvPath = join(binDir, 'argv.log');
  await writeFile(storePath, '{}');
  await writeFile(argvPath, '');
  return {
    binDir,
    env: { ...process.env, PATH: `${binDir}${delimiter}${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, FIXTURE_HELPER_STORE: storePath, FIXTURE_HELPER_ARGV_LOG: argvPath },
    setLogins: (logins) => writeFile(storePath, JSON.stringify(logins)),
    argvLog: () => readFile(argvPath, 'utf8'),
    remove: () => rm(binDir, { recursive: true, force: true }),
  };
}
