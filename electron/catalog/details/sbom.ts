import type { SbomDetails } from '../../../shared/contract';

export const MAX_SBOM_PACKAGES = 5000;
const MAX_FIELD = 512;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, MAX_FIELD) : undefined);

type Package = SbomDetails['packages'][number];

function pkg(name: string | undefined, version?: string, license?: string, purl?: string): Package | undefined {
  if (!name) return undefined;
  return { name, ...(version ? { version } : {}), ...(license ? { license } : {}), ...(purl ? { purl } : {}) };
}

function table(items: unknown[], read: (item: Json) => Package | undefined): Pick<SbomDetails, 'packageCount' | 'packages' | 'truncated'> {
  const packages: Package[] = [];
  for (const item of items) {
    if (packages.length >= MAX_SBOM_PACKAGES) break;
    if (!isObject(item)) continue;
    const row = read(item);
    if (row) packages.push(row);
  }
  return { packageCount: items.length, packages, truncated: items.length > packages.length && packages.length >= MAX_SBOM_PACKAGES };
}

const spdxLicense = (p: Json): string | undefined => {
  for (const key of ['licenseConcluded', 'licenseDeclared']) {
    const value = text(p[key]);
    if (value && value !== 'NOASSERTION' && value !== 'NONE') return value;
  }
  return undefined;
};

const spdxPurl = (p: Json): string | undefined => {
  const refs = Array.isArray(p.externalRefs) ? p.externalRefs : [];
  for (const ref of refs) if (isObject(ref) && ref.referenceType === 'purl') return text(ref.referenceLocator);
  return undefined;
};

function cyclonedxLicense(c: Json): string | undefined {
  const list = Array.isArray(c.licenses) ? c.licenses : [];
  for (const entry of list) {
    if (!isObject(entry)) continue;
    if (text(entry.expression)) return text(entry.expression);
    const license = entry.license;
    if (isObject(license)) return text(license.id) ?? text(license.name);
  }
  return undefined;
}

/** In-toto statements (cosign attestations) carry the SBOM as their predicate. */
function unwrap(doc: Json): Json {
  if (typeof doc._type === 'string' && isObject(doc.predicate)) return doc.predicate;
  return doc;
}

/** Reads an SPDX JSON, CycloneDX JSON or Syft JSON document into the package table the UI shows. */
export function parseSbom(value: unknown): SbomDetails {
  if (!isObject(value)) return { format: 'unknown', packageCount: 0, packages: [], truncated: false };
  const doc = unwrap(value);
  if (typeof doc.spdxVersion === 'string') {
    const packages = Array.isArray(doc.packages) ? doc.packages : [];
    const version = text(doc.spdxVersion)?.replace(/^SPDX-/, '');
    const name = text(doc.name);
    return {
      format: 'spdx',
      ...(version ? { specVersion: version } : {}),
      ...(name ? { name } : {}),
      ...table(packages, (p) => pkg(text(p.name), text(p.versionInfo), spdxLicense(p), spdxPurl(p))),
    };
  }
  if (doc.bomFormat === 'CycloneDX') {
    const components = Array.isArray(doc.components) ? doc.components : [];
    const specVersion = text(doc.specVersion);
    const metadata = isObject(doc.metadata) && isObject(doc.metadata.component) ? doc.metadata.component : undefined;
    const name = metadata ? text(metadata.name) : undefined;
    return {
      format: 'cyclonedx',
      ...(specVersion ? { specVersion } : {}),
      ...(name ? { name } : {}),
      ...table(components, (c) => pkg(text(c.name), text(c.version), cyclonedxLicense(c), text(c.purl))),
    };
  }
  if (Array.isArray(doc.artifacts) && isObject(doc.schema)) {
    const specVersion = text(doc.schema.version);
    return {
      format: 'syft',
      ...(specVersion ? { specVersion } : {}),
      ...table(doc.artifacts, (a) => {
        const licenses: unknown[] = Array.isArray(a.licenses) ? (a.licenses as unknown[]) : [];
        const first = licenses[0];
        const license = typeof first === 'string' ? text(first) : isObject(first) ? text(first.value) : undefined;
        return pkg(text(a.name), text(a.version), license, text(a.purl));
      }),
    };
  }
  return { format: 'unknown', packageCount: 0, packages: [], truncated: false };
}
