import { commandsFor, isDigest, mediaTypes as mt, type Classification } from '../../../shared/artifacts';
import { ContractError, type ArtifactDetails, type FileEntry, type LayerView, type PolicyDetails, type SignatureDetails } from '../../../shared/contract';
import { toContractError, type Descriptor } from '../../oci';
import type { SavedRegistry } from '../../registries/saved-registry';
import { classify, parseJson } from '../classify/digest-facts';
import type { ReferrerEntry } from '../classify/repository-referrers';
import type { RegistryCatalog } from '../registry-catalog';
import { imageConfigView } from './image-details';
import { isObject, pretty, stringRecord } from './json-view';
import { asText, looksLikeText, MAX_JSON_DOCUMENT, MAX_TEXT_PREVIEW, readSmallBlob, withBlobStream } from './read-blobs';
import { referrerTree } from './referrer-tree';
import { parseSbom } from './sbom';
import { signatureView } from './signature-details';
import { CHART_TAR_LIMITS, readTarGz } from './tar-reader';

const MAX_LAYERS = 1000;
const MAX_PREVIEWS = 20;
const MAX_SBOM_BYTES = MAX_JSON_DOCUMENT;
const CHART_FILE = /^[^/]+\/(values\.yaml|README\.md)$/i;

type Context = { catalog: RegistryCatalog; repository: string; signal: AbortSignal | undefined; warnings: string[] };

function descriptors(value: unknown): Descriptor[] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, MAX_LAYERS)
    .filter((d): d is Descriptor => isObject(d) && typeof d.mediaType === 'string' && typeof d.digest === 'string' && isDigest(d.digest) && typeof d.size === 'number' && Number.isSafeInteger(d.size) && d.size >= 0);
}

function layerView(d: Descriptor): LayerView {
  const view: LayerView = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  const annotations = stringRecord(d.annotations);
  const title = annotations[mt.ANNOTATION_TITLE];
  if (title) view.title = title;
  if (Object.keys(annotations).length > 0) view.annotations = annotations;
  return view;
}

async function attempt<T>(ctx: Context, what: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    ctx.warnings.push(`${what}: ${toContractError(error).message}`);
    return undefined;
  }
}

async function readJsonBlob(ctx: Context, d: Descriptor, max = MAX_JSON_DOCUMENT): Promise<unknown> {
  const bytes = await readSmallBlob(ctx.catalog, ctx.repository, d, max, ctx.signal);
  // An image config read here also gives the tag list its date, so that is never fetched again.
  await ctx.catalog.deps.configDates.remember(d, bytes);
  const parsed = parseJson(bytes);
  if (parsed === undefined) throw new ContractError('invalid-input', 'it is not JSON');
  return parsed;
}

async function fileEntries(ctx: Context, layers: Descriptor[]): Promise<FileEntry[]> {
  let previews = 0;
  return Promise.all(
    layers.map(async (d) => {
      const title = stringRecord(d.annotations)[mt.ANNOTATION_TITLE];
      const entry: FileEntry = { name: title ?? d.digest, mediaType: d.mediaType, digest: d.digest, size: d.size, unpack: d.annotations?.[mt.ANNOTATION_ORAS_CONTENT_UNPACK] === 'true' };
      if (!entry.unpack && looksLikeText(d.mediaType, title, d.size) && previews++ < MAX_PREVIEWS) {
        const bytes = await attempt(ctx, `Preview of ${entry.name}`, () => readSmallBlob(ctx.catalog, ctx.repository, d, MAX_TEXT_PREVIEW, ctx.signal));
        const text = bytes && asText(bytes);
        if (text !== undefined) entry.preview = text;
      }
      return entry;
    }),
  );
}

async function helmDetails(ctx: Context, config: unknown, layers: Descriptor[]): Promise<ArtifactDetails['helm']> {
  const helm: NonNullable<ArtifactDetails['helm']> = {
    chart: isObject(config) ? config : {},
    files: [],
    hasProvenance: layers.some((l) => l.mediaType === mt.HELM_CHART_PROVENANCE),
  };
  const chartLayer = layers.find((l) => l.mediaType === mt.HELM_CHART_CONTENT) ?? layers.find((l) => l.mediaType === mt.HELM_LEGACY_CHART_CONTENT);
  if (!chartLayer) {
    ctx.warnings.push('The chart has no chart layer.');
    return helm;
  }
  const contents = await attempt(ctx, 'The chart archive could not be read', () =>
    withBlobStream(ctx.catalog, ctx.repository, chartLayer, CHART_TAR_LIMITS.maxCompressedBytes, (stream, s) => readTarGz(stream, (name) => CHART_FILE.test(name), CHART_TAR_LIMITS, s), ctx.signal),
  );
  if (!contents) return helm;
  helm.files = contents.entries.filter((e) => e.type === 'file').map((e) => e.name).slice(0, 1000);
  for (const [name, bytes] of contents.files) {
    const text = asText(bytes);
    if (text === undefined) continue;
    if (/\/values\.yaml$/i.test(name)) helm.valuesYaml ??= text;
    if (/\/README\.md$/i.test(name)) helm.readme ??= text;
  }
  for (const name of contents.skipped) ctx.warnings.push(`${name} is larger than 5 MiB and was not read.`);
  return helm;
}

async function policyDetails(ctx: Context, layers: Descriptor[]): Promise<PolicyDetails> {
  const files = await fileEntries(ctx, layers);
  return { files: files.map((f) => ({ name: f.name, mediaType: f.mediaType, size: f.size, ...(f.preview !== undefined ? { text: f.preview } : {}) })) };
}

async function signatureDetails(ctx: Context, c: Classification, layers: Descriptor[], subject: string | undefined): Promise<SignatureDetails> {
  const isNotation = c.subKind === 'notation' || c.artifactType === mt.NOTATION_SIGNATURE;
  const tool: SignatureDetails['tool'] = isNotation ? 'notation' : c.subKind === 'cosign' ? 'cosign' : c.mediaType === mt.SIGSTORE_BUNDLE ? 'sigstore' : 'other';
  let envelope: string | undefined;
  const jws = layers.find((l) => l.mediaType === mt.JOSE_JSON);
  if (isNotation && jws) {
    const bytes = await attempt(ctx, 'The signature envelope could not be read', () => readSmallBlob(ctx.catalog, ctx.repository, jws, 1024 * 1024, ctx.signal));
    envelope = bytes && asText(bytes);
  }
  return signatureView(tool, layers.map((l) => stringRecord(l.annotations)), {
    ...(subject ? { signedDigest: subject } : {}),
    ...(c.predicateType ? { predicateType: c.predicateType } : {}),
    ...(envelope ? { envelope } : {}),
  });
}

/**
 * An image without a created annotation still says when it was built: the date the tag list shows
 * (its config's `created`; an index: the newest of its platforms').
 */
async function fillCreated(ctx: Context, details: ArtifactDetails, digest: string): Promise<void> {
  if (details.row.created) return;
  const date = await attempt(ctx, 'The build date could not be read', () => ctx.catalog.imageDate(ctx.repository, digest, ctx.signal));
  if (date?.created) details.row.created = date.created;
}

/** Everything the detail view shows for one reference, fetched now (cached by digest). */
export async function buildDetails(catalog: RegistryCatalog, saved: SavedRegistry, repository: string, reference: string, signal?: AbortSignal): Promise<ArtifactDetails> {
  const tag = isDigest(reference) ? undefined : reference;
  let digest: string;
  try {
    digest = tag ? await catalog.resolve(repository, tag, true, signal) : reference;
  } catch (error) {
    throw toContractError(error);
  }
  const row = await catalog.rowFor(repository, tag ?? digest, signal);
  const manifest = await catalog.manifest(repository, digest, signal).catch((error: unknown) => {
    throw toContractError(error);
  });
  const { doc, classification: c } = classify(manifest, tag);
  const warnings = [...c.warnings];
  if (c.kind === 'unreadable') warnings.push(c.reason);
  const ctx: Context = { catalog, repository, signal, warnings };
  const body = isObject(doc) ? doc : {};
  const layers = descriptors(body.layers);
  const config = isObject(body.config) && typeof body.config.digest === 'string' ? (body.config as unknown as Descriptor) : undefined;
  const isPlainHttp = saved.url.startsWith('http://');
  const details: ArtifactDetails = {
    row,
    annotations: stringRecord(body.annotations),
    manifestJson: doc === undefined ? manifest.bytes.toString('utf8').slice(0, 4 * 1024 * 1024) : pretty(doc),
    layers: layers.map(layerView),
    referrers: [],
    commands: [],
    warnings,
  };
  if (c.artifactType) details.artifactType = c.artifactType;
  try {
    details.commands = commandsFor(row.kind, { registry: saved.host, repository, ...(tag ? { tag } : {}), digest }, { plainHttp: isPlainHttp });
  } catch {
    /* a reference commands cannot express (e.g. an unusual host) simply gets none */
  }

  let configValue: unknown;
  if (config && config.mediaType !== mt.OCI_EMPTY && config.size <= MAX_JSON_DOCUMENT && config.size > 0) {
    configValue = await attempt(ctx, 'The config could not be read', () => readJsonBlob(ctx, config));
    if (configValue !== undefined) details.configJson = pretty(configValue);
  }

  const listing = await catalog.tags(repository, false, signal).catch(() => undefined);
  const known = listing ? await catalog.referrers(repository, listing, signal).catch(() => new Map<string, ReferrerEntry[]>()) : new Map<string, ReferrerEntry[]>();
  const buildx: ReferrerEntry[] = (c.attestations ?? []).map((a) => ({ key: a.digest, kind: 'attestation', source: 'buildx', digest: a.digest, descriptor: { mediaType: a.mediaType, digest: a.digest, size: a.size } }));
  details.referrers = await referrerTree(catalog, repository, digest, known, buildx, signal);

  switch (row.kind) {
    case 'image':
    case 'image-index': {
      if (c.platforms?.length) {
        const platforms = await Promise.all(
          c.platforms.map(async (p) => {
            const child = await catalog.manifest(repository, p.digest, signal).catch(() => undefined);
            const childDoc = child ? parseJson(child.bytes) : undefined;
            const size = child && isObject(childDoc) ? descriptors(childDoc.layers).reduce((n, l) => n + l.size, child.bytes.length + (isObject(childDoc.config) && typeof childDoc.config.size === 'number' ? childDoc.config.size : 0)) : p.size;
            return { os: p.platform.os, architecture: p.platform.architecture, ...(p.platform.variant ? { variant: p.platform.variant } : {}), digest: p.digest, size, childDoc };
          }),
        );
        const first = platforms[0]?.childDoc;
        const firstConfig = isObject(first) && isObject(first.config) && typeof first.config.digest === 'string' ? (first.config as unknown as Descriptor) : undefined;
        const childConfig = firstConfig ? await attempt(ctx, 'The first platform’s config could not be read', () => readJsonBlob(ctx, firstConfig)) : undefined;
        details.image = { platforms: platforms.map(({ childDoc: _doc, ...p }) => p), ...imageConfigView(childConfig) };
        await fillCreated(ctx, details, digest);
      } else {
        const cfg = isObject(configValue) ? configValue : {};
        const os = typeof cfg.os === 'string' ? cfg.os : '';
        const architecture = typeof cfg.architecture === 'string' ? cfg.architecture : '';
        const variant = typeof cfg.variant === 'string' ? cfg.variant : undefined;
        details.image = { platforms: os || architecture ? [{ os, architecture, ...(variant ? { variant } : {}), digest, size: row.size ?? manifest.bytes.length }] : [], ...imageConfigView(configValue) };
        await fillCreated(ctx, details, digest);
      }
      break;
    }
    case 'helm-chart':
      details.helm = await helmDetails(ctx, configValue, layers);
      break;
    case 'sbom': {
      const layer = layers[0];
      if (layer) {
        const sbom = await attempt(ctx, 'The SBOM could not be read', async () => parseSbom(await readJsonBlob(ctx, layer, MAX_SBOM_BYTES)));
        if (sbom) details.sbom = sbom;
      }
      details.files = await fileEntries(ctx, []);
      break;
    }
    case 'wasm':
      details.wasm = { config: isObject(configValue) ? configValue : {} };
      details.files = await fileEntries(ctx, layers);
      break;
    case 'opa':
    case 'kyverno':
    case 'falco':
      details.policy = await policyDetails(ctx, layers);
      break;
    case 'signature':
    case 'attestation':
      details.signature = await signatureDetails(ctx, c, layers, c.referrerOf ?? c.subject?.digest);
      break;
    default:
      details.files = await fileEntries(ctx, layers);
  }
  return details;
}
