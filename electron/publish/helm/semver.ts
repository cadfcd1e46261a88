// semver.org's SemVer 2.0.0 grammar (no leading zeros, optional pre-release and build metadata).
const SEMVER2 =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isSemver2(version: string): boolean {
  return version.length <= 256 && SEMVER2.test(version);
}

/** `helm push` tags a chart with its version, `+` (build metadata) written as `_`. */
export function chartTag(version: string): string {
  return version.replace(/\+/g, '_');
}
