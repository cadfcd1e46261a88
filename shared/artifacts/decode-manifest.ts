import { limits } from './limits';

export type Decoded = { ok: true; value: unknown } | { ok: false; reason: string };

/** Accepts a parsed object, JSON text, or raw bytes; refuses anything beyond the manifest size limit. */
export function decodeManifest(input: unknown): Decoded {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.byteLength > limits.manifestBytes) return tooBig();
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { ok: false, reason: 'The manifest is not valid UTF-8 text.' };
    }
  } else {
    return { ok: true, value: input };
  }
  if (text.length > limits.manifestBytes) return tooBig();
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'The manifest is not valid JSON.' };
  }
}

function tooBig(): Decoded {
  return { ok: false, reason: `The manifest is larger than ${limits.manifestBytes / 1024 / 1024} MiB, the most a registry may serve.` };
}
