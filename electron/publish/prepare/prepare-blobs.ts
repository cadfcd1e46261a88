import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError, type PublishOptions } from '../../../shared/contract';
import type { Draft } from '../drafts/draft-store';
import type { HashCache } from '../drafts/hash-cache';
import { chartYamlPath } from '../detect/sniff-file';
import { inspectTarball } from '../detect/inspect-tarball';
import { isChartFolder, orasDefaultType } from '../detect/detect-kind';
import { readChartYaml, type ChartReading } from '../helm/chart-metadata';
import { chartTag } from '../helm/semver';
import type { LocalEntry, WalkedNode } from '../model';
import { applyHelmignore, parseHelmignore } from '../helm/helmignore';
import { ANNOTATION_CONTENT_DIGEST, ANNOTATION_UNPACK } from '../pack/media-types';
import type { PackRequest, PreparedBlob } from '../pack/pack-types';
import { unreadable } from '../sources/walk-folder';
import { readWasm, type WasmFacts } from '../wasm/wasm-binary';
import { mapLimit } from '../map-limit';
import { tarFolder, type TarredFolder } from './tar-folder';

const MAX_CHART_YAML = 5 * 1024 * 1024;
const MAX_CHART_BYTES = 100 * 1024 * 1024;
const MAX_WASM_READ = 256 * 1024 * 1024;

export interface PrepareDeps {
  hashes: HashCache;
  signal?: AbortSignal;
}

type Prepared = Pick<PackRequest, 'blobs' | 'helm' | 'wasm'>;

/**
 * The user's media type, else ORAS's default (`oras push` guesses nothing): the kinds with a
 * layout of their own (Helm, Wasm, SBOM, OPA) put their own type where the user chose none.
 */
function chosenType(entry: Pick<LocalEntry, 'id' | 'type'>, options: PublishOptions): { mediaType: string; chosen?: boolean } {
  const chosen = options.mediaTypes?.[entry.id];
  return chosen ? { mediaType: chosen, chosen: true } : { mediaType: orasDefaultType(entry) };
}

async function fileBlob(entry: LocalEntry, options: PublishOptions, deps: PrepareDeps): Promise<PreparedBlob> {
  const { digest, size } = await deps.hashes.hash(entry.path, entry.name, deps.signal);
  return { id: entry.id, name: entry.name, type: 'file', source: { path: entry.path, digest, size }, digest, size, ...chosenType(entry, options), ...(entry.sniffed ? { sniffed: entry.sniffed } : {}) };
}

/** A folder packed once per draft (again only if its file was removed after a finished push). */
function packedFolder(draft: Draft, entry: LocalEntry, prefix: string, includeDirectories: boolean, signal?: AbortSignal): Promise<TarredFolder> {
  const key = `${entry.id}\0${prefix}\0${includeDirectories}`;
  let packing = draft.packed.get(key);
  if (!packing) {
    const file = includeDirectories ? `${entry.id}.tar.gz` : `${entry.id}-${prefix}.tgz`;
    packing = tarFolder({ dir: entry.path, prefix, nodes: entry.nodes ?? [], includeDirectories, target: join(draft.workDir, file), ...(signal ? { signal } : {}) });
    draft.packed.set(key, packing);
    packing.catch(() => draft.packed.delete(key));
  }
  return packing;
}

async function folderBlob(draft: Draft, entry: LocalEntry, options: PublishOptions, deps: PrepareDeps): Promise<PreparedBlob> {
  const tar = await packedFolder(draft, entry, entry.name, true, deps.signal);
  return {
    id: entry.id,
    name: entry.name,
    type: 'directory',
    source: { path: tar.path, digest: tar.digest, size: tar.size },
    digest: tar.digest,
    size: tar.size,
    annotations: { [ANNOTATION_CONTENT_DIGEST]: tar.tarDigest, [ANNOTATION_UNPACK]: 'true' },
    ...chosenType(entry, options),
  };
}

/** OPA: a dropped folder of policies becomes one layer per file, titled `folder/path`. */
async function policyFileBlobs(entry: LocalEntry, options: PublishOptions, deps: PrepareDeps): Promise<PreparedBlob[]> {
  const files = (entry.nodes ?? []).filter((n) => n.type === 'file');
  return mapLimit(files.map((node, index) => ({ node, index })), 16, async ({ node, index }) => {
    const name = `${entry.name}/${node.rel}`;
    const path = join(entry.path, node.rel);
    const { digest, size } = await deps.hashes.hash(path, name, deps.signal);
    const id = `${entry.id}_${index}`;
    return { id, name, type: 'file' as const, source: { path, digest, size }, digest, size, ...chosenType({ id, type: 'file' }, options), ...(node.rel.endsWith('.rego') ? { sniffed: 'rego' } : {}) };
  });
}

async function readChartFromArchive(entry: LocalEntry): Promise<ChartReading> {
  let contents;
  try {
    contents = await inspectTarball(entry.path, entry.name, (n) => /^[^/]+\/Chart\.yaml$/.test(n));
  } catch (error) {
    if (error instanceof ContractError && error.code === 'invalid-input') return { ok: false, problems: [error.message] };
    throw error;
  }
  const yamlPath = chartYamlPath(contents.names);
  if (!yamlPath) return { ok: false, problems: [`${entry.name} has no <name>/Chart.yaml inside: it is not a Helm chart. Choose another kind, or package the chart with helm package.`] };
  const yaml = contents.files.get(yamlPath);
  if (!yaml) return { ok: false, problems: [`Chart.yaml in ${entry.name} is larger than Helm's 5 MiB limit for a file.`] };
  return readChartYaml(yaml.toString('utf8'), entry.name);
}

async function readChartFromFolder(entry: LocalEntry): Promise<ChartReading> {
  const path = join(entry.path, 'Chart.yaml');
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(`${entry.name}/Chart.yaml`, error);
  });
  if (info.size > MAX_CHART_YAML) return { ok: false, problems: [`Chart.yaml in ${entry.name} is larger than Helm's 5 MiB limit for a file.`] };
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw unreadable(`${entry.name}/Chart.yaml`, error);
  });
  return readChartYaml(text, entry.name);
}

/** What `helm package` would put in the archive: .helmignore applied; links refused (Helm follows them, Stevedore never does). */
async function chartFolderContent(entry: LocalEntry): Promise<{ nodes: WalkedNode[] } | { problems: string[] }> {
  const nodes = entry.nodes ?? [];
  let rules: ReturnType<typeof parseHelmignore>['rules'] = [];
  if (nodes.some((n) => n.rel === '.helmignore' && n.type === 'file' && n.size <= MAX_CHART_YAML)) {
    const text = await readFile(join(entry.path, '.helmignore'), 'utf8').catch((error: unknown) => {
      throw unreadable(`${entry.name}/.helmignore`, error);
    });
    const parsed = parseHelmignore(text);
    if (parsed.problems.length > 0) return { problems: parsed.problems.map((p) => `${entry.name}/${p}`) };
    rules = parsed.rules;
  }
  const kept = applyHelmignore(nodes, rules);
  const links = kept.filter((n) => n.type === 'symlink');
  if (links.length > 0) {
    return { problems: [`${entry.name}/${links[0]!.rel} is a symbolic link: helm package would follow it, Stevedore never follows links. Replace it with the file, or list it in .helmignore.`] };
  }
  const total = kept.reduce((sum, n) => sum + n.size, 0);
  if (total > MAX_CHART_BYTES) return { problems: [`${entry.name} holds more than Helm's 100 MiB limit for a chart.`] };
  const tooBig = kept.find((n) => n.type === 'file' && n.size > MAX_CHART_YAML);
  if (tooBig) return { problems: [`${entry.name}/${tooBig.rel} is larger than Helm's 5 MiB limit for a file in a chart.`] };
  return { nodes: kept };
}

async function prepareHelm(draft: Draft, options: PublishOptions, deps: PrepareDeps): Promise<Prepared> {
  const chartEntries = draft.entries.filter((e) => e.sniffed === 'helm-chart' || isChartFolder(e) || (e.type === 'file' && /\.(tgz|tar\.gz)$/i.test(e.name)));
  const others = draft.entries.filter((e) => !chartEntries.includes(e));
  const provEntry = others.find((e) => e.type === 'file' && e.name.endsWith('.prov'));
  const extras = await mapLimit(others, 4, (e) => (e.type === 'file' ? fileBlob(e, options, deps) : folderBlob(draft, e, options, deps)));
  const provenance = provEntry ? extras.find((b) => b.id === provEntry.id) : undefined;
  if (chartEntries.length !== 1) {
    const problems = [chartEntries.length === 0 ? 'There is no Helm chart here: drop a chart .tgz (holding <name>/Chart.yaml) or a chart folder (holding Chart.yaml).' : 'Several charts were dropped; publish one chart at a time.'];
    return { blobs: extras, helm: { problems } };
  }
  const entry = chartEntries[0]!;
  if (entry.type === 'file') {
    const reading = await readChartFromArchive(entry);
    const chart = await fileBlob(entry, options, deps);
    return { blobs: [chart, ...extras], helm: { chart, reading, ...(provenance ? { provenance } : {}) } };
  }
  const reading = await readChartFromFolder(entry);
  if (!reading.ok) return { blobs: extras, helm: { problems: reading.problems } };
  const kept = await chartFolderContent(entry);
  if ('problems' in kept) return { blobs: extras, helm: { problems: kept.problems } };
  const name = reading.metadata.name;
  const tar = await packedFolder(draft, { ...entry, nodes: kept.nodes }, name, false, deps.signal);
  const chart: PreparedBlob = {
    id: entry.id,
    name: `${name}-${chartTag(reading.metadata.version)}.tgz`,
    type: 'file',
    source: { path: tar.path, digest: tar.digest, size: tar.size },
    digest: tar.digest,
    size: tar.size,
    mediaType: entry.mediaType,
    sniffed: 'helm-chart',
  };
  return { blobs: [chart, ...extras], helm: { chart, reading, ...(provenance ? { provenance } : {}) } };
}

/** The Chart.yaml of a chart archive or folder, read and checked as Helm does. */
export function readChart(entry: LocalEntry): Promise<ChartReading> {
  return entry.type === 'file' ? readChartFromArchive(entry) : readChartFromFolder(entry);
}

async function wasmFacts(entry: LocalEntry): Promise<WasmFacts> {
  if (entry.sniffed !== 'wasm-component') return { component: false, imports: [], exports: [] };
  if (entry.size > MAX_WASM_READ) return { component: true, imports: [], exports: [], unreadable: 'the component is too large to read its imports and exports' };
  const bytes = await readFile(entry.path).catch((error: unknown) => {
    throw unreadable(entry.name, error);
  });
  return readWasm(bytes);
}

/**
 * The I/O half of packing: hashes files (cached), packs folders and chart folders into their
 * .tar.gz under the draft's work folder, reads Chart.yaml and Wasm headers. The packers then turn
 * the result into a plan without touching the disk.
 */
export async function prepareBlobs(draft: Draft, options: PublishOptions, deps: PrepareDeps): Promise<Prepared> {
  if (options.kind === 'helm') return prepareHelm(draft, options, deps);
  if (options.kind === 'opa') {
    const lists = await mapLimit(draft.entries, 2, (e) => (e.type === 'file' ? fileBlob(e, options, deps).then((b) => [b]) : policyFileBlobs(e, options, deps)));
    return { blobs: lists.flat() };
  }
  const blobs = await mapLimit(draft.entries, 16, (e) => (e.type === 'file' ? fileBlob(e, options, deps) : folderBlob(draft, e, options, deps)));
  if (options.kind === 'wasm' && draft.entries.length === 1 && draft.entries[0]!.type === 'file') return { blobs, wasm: await wasmFacts(draft.entries[0]!) };
  return { blobs };
}
