import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobFile } from '../fixtures';
import { seededRandom, seededSizes } from '../seeded-random';

const WORDS = ['registry', 'manifest', 'layer', 'digest', 'blob', 'tag', 'index', 'config', 'push', 'pull', 'chart', 'value', 'name', 'size', 'media', 'type', 'artifact', 'subject', 'referrer', 'annotation'];

/**
 * A folder of `count` small text files (1–32 KiB, seeded sizes and words: compressible like source
 * code), spread over 20 subfolders. Returns the files with their digests (for the OCI layout skopeo
 * pushes as separate layers).
 */
export async function writeSmallTree(root: string, count: number, seed = 7): Promise<BlobFile[]> {
  const next = seededRandom(seed);
  const files: BlobFile[] = [];
  for (const [index, size] of seededSizes(count, 1024, 32 * 1024, seed).entries()) {
    const dir = join(root, `part-${String(index % 20).padStart(2, '0')}`);
    await mkdir(dir, { recursive: true });
    const parts: string[] = [];
    let length = 0;
    while (length < size) {
      const word = WORDS[Math.floor(next() * WORDS.length)] as string;
      const piece = next() < 0.1 ? `${word}\n` : `${word} `;
      parts.push(piece);
      length += piece.length;
    }
    const data = Buffer.from(parts.join('').slice(0, size));
    const path = join(dir, `file-${String(index).padStart(4, '0')}.txt`);
    await writeFile(path, data);
    files.push({ path, size: data.length, digest: `sha256:${createHash('sha256').update(data).digest('hex')}` });
  }
  return files;
}
