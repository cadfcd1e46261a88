import { readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { lstatOrUndefined } from './file-writes';

const MAX_LINK_HOPS = 40;

/**
 * Where a link target leads, walking it inside the root the way the OS would (following the
 * links it meets, which may chain): the segments it ends at, or undefined once it would leave.
 * Names not there yet are taken as written.
 */
export async function resolveLinkInside(root: string, from: readonly string[], target: string, absoluteLinks: 'refuse' | 'inside-root', hops = 0): Promise<string[] | undefined> {
  if (hops > MAX_LINK_HOPS) return undefined;
  let stack: string[];
  if (target.startsWith('/')) {
    if (absoluteLinks === 'refuse') return undefined;
    stack = [];
  } else {
    stack = [...from];
  }
  const parts = target.split('/');
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length === 0) return undefined;
      stack.pop();
      continue;
    }
    if (part.includes('\\') && /(^|\\)\.\.(\\|$)/.test(part)) return undefined;
    stack.push(part);
    const stats = await lstatOrUndefined(join(root, ...stack));
    if (stats?.isSymbolicLink()) {
      const next = await readlink(join(root, ...stack));
      stack.pop();
      const through = await resolveLinkInside(root, stack, next, absoluteLinks, hops + 1);
      if (through === undefined) return undefined;
      stack = through;
    }
  }
  return stack;
}
