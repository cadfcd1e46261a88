import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError } from '../../shared/contract';
import { writeFileDurable } from '../fs/durable-write';
import { REGISTRIES_FILE_VERSION, RegistriesFile, SavedRegistry } from './saved-registry';

export const REGISTRIES_FILE_NAME = 'registries.json';
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Why the saved list could not be used as it is; the UI shows `message`. */
export interface RegistriesFileProblem {
  kind: 'corrupt' | 'newer' | 'unreadable';
  message: string;
  /** Where the old file now is (moved aside, or left in place). */
  keptAt: string;
}

export interface RegistriesStore {
  /** Set when the file on disk could not be loaded; never a silent reset. */
  readonly problem: RegistriesFileProblem | undefined;
  list(): SavedRegistry[];
  get(id: string): SavedRegistry | undefined;
  add(registry: SavedRegistry): Promise<SavedRegistry>;
  update(id: string, change: (registry: SavedRegistry) => SavedRegistry): Promise<SavedRegistry>;
  remove(id: string): Promise<SavedRegistry>;
}

export interface RegistriesStoreOptions {
  /** Registries every install has (Local), listed first, never written to the file, not editable. */
  builtIn?: readonly SavedRegistry[];
}

/**
 * The user's saved registries: `registries.json` in the app's data folder, `{ version, registries }`.
 * Holds names, addresses and account names only: secrets live in a SecretStore.
 */
export async function openRegistriesStore(dataDir: string, now: () => Date = () => new Date(), options: RegistriesStoreOptions = {}): Promise<RegistriesStore> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const builtIn = options.builtIn ?? [];
  const builtInOne = (id: string) => builtIn.find((r) => r.id === id);
  const path = join(dataDir, REGISTRIES_FILE_NAME);
  const loaded = await load(path, now);
  let registries = loaded.registries;
  const problem = loaded.problem;
  let writing: Promise<void> = Promise.resolve();

  const persist = (next: SavedRegistry[]): Promise<void> => {
    if (problem && problem.kind !== 'corrupt') {
      return Promise.reject(new ContractError('denied', `${problem.message} Changes are not saved until that is resolved.`));
    }
    const document: RegistriesFile = RegistriesFile.parse({ version: REGISTRIES_FILE_VERSION, registries: next });
    const text = `${JSON.stringify(document, null, 2)}\n`;
    // One write at a time, in call order, so the last change always wins on disk.
    const run = writing.then(() => writeFileDurable(path, text));
    writing = run.catch(() => undefined);
    return run.then(() => {
      registries = next;
    });
  };

  const require = (id: string): SavedRegistry => {
    const fixed = builtInOne(id);
    if (fixed) throw new ContractError('denied', `${fixed.name} is built into Stevedore: it cannot be changed or removed.`);
    const found = registries.find((r) => r.id === id);
    if (!found) throw new ContractError('not-found', 'That registry is no longer in the list.');
    return found;
  };

  return {
    get problem() {
      return problem;
    },
    list: () => [...builtIn, ...registries].map(copy),
    get: (id) => {
      const found = builtInOne(id) ?? registries.find((r) => r.id === id);
      return found && copy(found);
    },
    async add(registry) {
      const valid = validate(registry);
      if (registries.some((r) => r.id === valid.id) || builtInOne(valid.id)) throw new ContractError('invalid-input', 'A registry with that id already exists.');
      if (registries.some((r) => r.url === valid.url)) throw new ContractError('invalid-input', `${valid.host} is already in the list.`);
      await persist([...registries, valid]);
      return copy(valid);
    },
    async update(id, change) {
      const current = require(id);
      const next = validate(change(copy(current)));
      if (next.id !== id) throw new ContractError('invalid-input', 'A registry keeps its id.');
      await persist(registries.map((r) => (r.id === id ? next : r)));
      return copy(next);
    },
    async remove(id) {
      const current = require(id);
      await persist(registries.filter((r) => r.id !== id));
      return copy(current);
    },
  };
}

function validate(registry: SavedRegistry): SavedRegistry {
  const parsed = SavedRegistry.safeParse(registry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ContractError('invalid-input', `That registry cannot be saved: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}.`);
  }
  return parsed.data;
}

function copy(registry: SavedRegistry): SavedRegistry {
  return structuredClone(registry);
}

async function load(path: string, now: () => Date): Promise<{ registries: SavedRegistry[]; problem?: RegistriesFileProblem }> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_FILE_BYTES) return moveAside(path, now, `it is ${info.size} bytes, more than a registries file can be`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { registries: [] };
    return {
      registries: [],
      problem: {
        kind: 'unreadable',
        keptAt: path,
        message: `Your registries file ${path} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); it was left as it is.`,
      },
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return moveAside(path, now, 'it is not valid JSON');
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > REGISTRIES_FILE_VERSION) {
    return {
      registries: [],
      problem: {
        kind: 'newer',
        keptAt: path,
        message: `Your registries file ${path} was written by a newer Stevedore (format ${version}); it was kept as it is. Update Stevedore to use it.`,
      },
    };
  }
  const parsed = RegistriesFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return moveAside(path, now, issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'its content is invalid');
  }
  return { registries: parsed.data.registries };
}

async function moveAside(path: string, now: () => Date, why: string): Promise<{ registries: SavedRegistry[]; problem: RegistriesFileProblem }> {
  const keptAt = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, keptAt);
  return {
    registries: [],
    problem: {
      kind: 'corrupt',
      keptAt,
      message: `Your registries file was unreadable (${why.slice(0, 200)}) and was kept aside at ${keptAt}. Stevedore started with an empty list.`,
    },
  };
}
