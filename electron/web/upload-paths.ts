import { ContractError } from '../../shared/contract/errors';

/** node-tar's reasons, at sizes a dropped folder never reaches: deeper or longer is an attack, not a folder. */
export const MAX_UPLOAD_DEPTH = 64;
const MAX_COMPONENT_BYTES = 255;
const MAX_PATH_BYTES = 4096;

const refuse = (path: string, why: string): never => {
  throw new ContractError('invalid-input', `The upload path "${printable(path)}" ${why}; rename it and drop the folder again.`);
};

/**
 * Checks a browser-supplied relative path (`docs/guide/intro.md`) and returns its components.
 * Refused outright, never repaired: `..` and `.`, empty components (`a//b`, a leading `/`),
 * backslashes (a separator on Windows), drive (`C:`, `C:../x`) and UNC forms, NUL and control
 * characters, over-long names and paths deeper than MAX_UPLOAD_DEPTH. Names are NFC-normalised
 * so one name typed two ways lands on one file.
 */
export function uploadPathComponents(raw: string): string[] {
  const path = raw.normalize('NFC');
  if (path.length === 0) refuse(path, 'is empty');
  if (Buffer.byteLength(path) > MAX_PATH_BYTES) refuse(path.slice(0, 80), `is longer than ${MAX_PATH_BYTES} bytes`);
  if (/[\u0000-\u001f\u007f]/.test(path)) refuse(path, 'contains a control character');
  if (path.includes('\\')) refuse(path, 'contains a backslash');
  if (path.startsWith('/')) refuse(path, 'is absolute');
  const parts = path.split('/');
  if (parts.length > MAX_UPLOAD_DEPTH) refuse(path.slice(0, 80), `is nested deeper than ${MAX_UPLOAD_DEPTH} folders`);
  for (const part of parts) {
    if (part === '') refuse(path, 'has an empty folder name');
    if (part === '.' || part === '..') refuse(path, 'steps out of its folder');
    if (/^[A-Za-z]:/.test(part)) refuse(path, 'looks like a drive path');
    if (Buffer.byteLength(part) > MAX_COMPONENT_BYTES) refuse(path.slice(0, 80), `has a name longer than ${MAX_COMPONENT_BYTES} bytes`);
  }
  return parts;
}

/** Decodes the percent-encoded path header; a bad encoding is a clear refusal. */
export function decodeUploadPath(raw: string | undefined): string {
  if (raw === undefined || raw === '') throw new ContractError('invalid-input', 'An upload needs its path in the X-Stevedore-Path header.');
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ContractError('invalid-input', 'The upload path is not valid percent-encoding.');
  }
}

function printable(path: string): string {
  return path.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}
