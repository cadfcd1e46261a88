import { parseDocument } from 'yaml';
import { goJsonString } from '../../oci/manifests/canonical-json';
import { chartTag, isSemver2 } from './semver';

/** helm's chart.Metadata (v3), as Chart.yaml is read into it. */
export interface ChartMetadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: { name: string; email: string; url: string }[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  kubeVersion: string;
  dependencies: ChartDependency[];
  type: string;
}

export interface ChartDependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  importValues: unknown[];
  alias: string;
}

export type ChartReading = { ok: true; metadata: ChartMetadata } | { ok: false; problems: string[] };

/** helm's sanitizeString: whitespace becomes a space, anything unprintable goes. */
export function sanitize(value: string): string {
  return value.replace(/\p{White_Space}/gu, ' ').replace(/[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu, '');
}

type Plain = string | Plain[] | { [key: string]: Plain } | null;

const str = (v: Plain | undefined): string => (typeof v === 'string' ? v : '');
const strList = (v: Plain | undefined): string[] => (Array.isArray(v) ? v.map(str) : []);
const bool = (v: Plain | undefined): boolean => typeof v === 'string' && /^(true|True|TRUE|yes|on)$/.test(v);
const record = (v: Plain | undefined): Record<string, string> =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, str(x)])) : {};

/**
 * Reads Chart.yaml as Helm's loader does: every scalar kept as written (a version such as `1.10`
 * stays `1.10`), apiVersion `v1` when missing, strings sanitised, then Helm's checks: a name
 * that is a single path component, a SemVer 2 version, the type application or library.
 * `label` names the chart in each problem.
 */
export function readChartYaml(text: string, label: string): ChartReading {
  const failsafe = parseDocument(text, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
  if (failsafe.errors.length > 0) return { ok: false, problems: [`Chart.yaml in ${label} is not valid YAML: ${failsafe.errors[0]!.message.split('\n')[0]}`] };
  const raw = failsafe.toJS({ maxAliasCount: 100 }) as Plain;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [`Chart.yaml in ${label} is not a YAML mapping of fields.`] };
  const typed = parseDocument(text, { uniqueKeys: true }).toJS({ maxAliasCount: 100 }) as { dependencies?: { 'import-values'?: unknown }[] } | null;
  const rawDependencies = Array.isArray(raw.dependencies) ? raw.dependencies : [];
  const problems: string[] = [];
  if (Array.isArray(raw.maintainers) && raw.maintainers.some((m) => !m || typeof m !== 'object')) problems.push(`Chart.yaml in ${label}: maintainers must not contain empty entries.`);
  const metadata: ChartMetadata = {
    name: sanitize(str(raw.name)),
    home: sanitize(str(raw.home)),
    sources: strList(raw.sources).map(sanitize),
    version: str(raw.version),
    description: sanitize(str(raw.description)),
    keywords: strList(raw.keywords).map(sanitize),
    maintainers: (Array.isArray(raw.maintainers) ? raw.maintainers : []).map((m) => {
      const r = m && typeof m === 'object' && !Array.isArray(m) ? m : {};
      return { name: sanitize(str(r.name)), email: sanitize(str(r.email)), url: sanitize(str(r.url)) };
    }),
    icon: sanitize(str(raw.icon)),
    apiVersion: str(raw.apiVersion) || 'v1',
    condition: sanitize(str(raw.condition)),
    tags: sanitize(str(raw.tags)),
    appVersion: sanitize(str(raw.appVersion)),
    deprecated: bool(raw.deprecated),
    annotations: record(raw.annotations),
    kubeVersion: sanitize(str(raw.kubeVersion)),
    dependencies: rawDependencies.map((d, i) => {
      const r = d && typeof d === 'object' && !Array.isArray(d) ? d : {};
      const importValues = typed?.dependencies?.[i]?.['import-values'];
      return {
        name: str(r.name),
        version: str(r.version),
        repository: str(r.repository),
        condition: str(r.condition),
        tags: strList(r.tags),
        enabled: bool(r.enabled),
        importValues: Array.isArray(importValues) ? importValues : [],
        alias: str(r.alias),
      };
    }),
    type: str(raw.type),
  };
  if (metadata.name === '') problems.push(`Chart.yaml in ${label} has no name.`);
  else if (metadata.name === '.' || metadata.name === '..' || /[/\\]/.test(metadata.name)) problems.push(`The chart name "${metadata.name}" in ${label} is not allowed: it must be a plain name.`);
  if (metadata.version === '') problems.push(`Chart.yaml in ${label} has no version.`);
  else if (!isSemver2(metadata.version)) problems.push(`The chart version "${metadata.version}" in ${label} is not SemVer 2 (MAJOR.MINOR.PATCH, e.g. 1.2.3 or 1.2.3-rc.1+build.5).`);
  else if (chartTag(metadata.version).length > 128) problems.push(`The chart version "${metadata.version}" in ${label} is too long for a tag (128 characters).`);
  if (!['', 'application', 'library'].includes(metadata.type)) problems.push(`The chart type "${metadata.type}" in ${label} must be application or library.`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, metadata };
}

/** Any JSON value as Go's encoding/json writes an interface{}: object keys sorted, HTML-safe escaping. */
function goAny(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goAny).join(',')}]`;
  if (value instanceof Date) return goJsonString(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${goJsonString(k)}:${goAny(v)}`).join(',')}}`;
}

type Field = [string, string | undefined];
const obj = (fields: Field[]) => `{${fields.filter((f): f is [string, string] => f[1] !== undefined).map(([k, v]) => `${goJsonString(k)}:${v}`).join(',')}}`;
const s = (v: string) => (v === '' ? undefined : goJsonString(v));
const list = (v: string[]) => (v.length === 0 ? undefined : `[${v.map(goJsonString).join(',')}]`);

/** `json.Marshal(chart.Metadata)`: Helm's config blob, fields in the Go struct's order, empty ones left out. */
export function chartConfigJson(m: ChartMetadata): Buffer {
  const annotationKeys = Object.keys(m.annotations).sort();
  return Buffer.from(
    obj([
      ['name', s(m.name)],
      ['home', s(m.home)],
      ['sources', list(m.sources)],
      ['version', s(m.version)],
      ['description', s(m.description)],
      ['keywords', list(m.keywords)],
      ['maintainers', m.maintainers.length === 0 ? undefined : `[${m.maintainers.map((x) => obj([['name', s(x.name)], ['email', s(x.email)], ['url', s(x.url)]])).join(',')}]`],
      ['icon', s(m.icon)],
      ['apiVersion', s(m.apiVersion)],
      ['condition', s(m.condition)],
      ['tags', s(m.tags)],
      ['appVersion', s(m.appVersion)],
      ['deprecated', m.deprecated ? 'true' : undefined],
      ['annotations', annotationKeys.length === 0 ? undefined : `{${annotationKeys.map((k) => `${goJsonString(k)}:${goJsonString(m.annotations[k]!)}`).join(',')}}`],
      ['kubeVersion', s(m.kubeVersion)],
      [
        'dependencies',
        m.dependencies.length === 0
          ? undefined
          : `[${m.dependencies
              .map((d) =>
                obj([
                  ['name', goJsonString(d.name)],
                  ['version', s(d.version)],
                  ['repository', goJsonString(d.repository)],
                  ['condition', s(d.condition)],
                  ['tags', list(d.tags)],
                  ['enabled', d.enabled ? 'true' : undefined],
                  ['import-values', d.importValues.length === 0 ? undefined : goAny(d.importValues)],
                  ['alias', s(d.alias)],
                ]),
              )
              .join(',')}]`,
      ],
      ['type', s(m.type)],
    ]),
    'utf8',
  );
}

const IMMUTABLE = ['org.opencontainers.image.title', 'org.opencontainers.image.version'];

/** helm's generateOCIAnnotations: description, title, version, url, created, source, authors, then the chart's own annotations. */
export function chartManifestAnnotations(m: ChartMetadata, created: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined && value.trim().length > 0) out[key] = value;
  };
  add('org.opencontainers.image.description', m.description);
  add('org.opencontainers.image.title', m.name);
  add('org.opencontainers.image.version', m.version);
  add('org.opencontainers.image.url', m.home);
  add('org.opencontainers.image.created', created);
  add('org.opencontainers.image.source', m.sources[0]);
  if (m.maintainers.length > 0) {
    add('org.opencontainers.image.authors', m.maintainers.map((x) => `${x.name}${x.email ? ` (${x.email})` : ''}`).join(', '));
  }
  for (const [key, value] of Object.entries(m.annotations)) if (!IMMUTABLE.includes(key)) out[key] = value;
  return out;
}
