const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const ENCODED_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha512: 128 };

/** A digest as the OCI spec writes it; sha256/sha512 must be lowercase hex of the right length. */
export function isDigest(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 256 || !DIGEST.test(value)) return false;
  const colon = value.indexOf(':');
  const algorithm = value.slice(0, colon);
  const encoded = value.slice(colon + 1);
  const length = ENCODED_LENGTH[algorithm];
  if (length === undefined) return true;
  return encoded.length === length && /^[0-9a-f]+$/.test(encoded);
}
