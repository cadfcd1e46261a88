import { Agent, request } from 'undici';
import { MANIFEST_ACCEPT } from '../../support/seed/registry-http';

export interface FloorReport {
  ms: number;
  listMs: number;
  repositories: number;
  manifests: number;
  manifestBytes: number;
}

/**
 * The least HTTP work that lists and reads every manifest: `_catalog` pages one after another,
 * then per repository `tags/list` and one manifest GET per tag, `concurrency` workers at a time
 * over one keep-alive agent with as many connections. Bodies are read in full and parsed.
 */
export async function floorOpen(baseUrl: string, concurrency: number, pageSize = 1000): Promise<FloorReport> {
  const dispatcher = new Agent({ connections: concurrency });
  const get = async (path: string, accept?: string): Promise<{ json: unknown; bytes: number; link?: string }> => {
    const res = await request(`${baseUrl}${path}`, { dispatcher, ...(accept ? { headers: { accept } } : {}) });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`GET ${path.slice(0, 120)} answered ${res.statusCode}`);
    const link = res.headers.link;
    return { json: JSON.parse(text), bytes: Buffer.byteLength(text), ...(typeof link === 'string' ? { link } : {}) };
  };
  try {
    const started = performance.now();
    const names: string[] = [];
    let next: string | undefined = `/v2/_catalog?n=${pageSize}`;
    while (next) {
      const page = await get(next);
      names.push(...((page.json as { repositories?: string[] }).repositories ?? []));
      next = page.link ? /^<([^>]+)>/.exec(page.link)?.[1] : undefined;
    }
    const listMs = performance.now() - started;
    let manifests = 0;
    let manifestBytes = 0;
    let cursor = 0;
    const worker = async () => {
      while (cursor < names.length) {
        const name = names[cursor++] as string;
        const tags = ((await get(`/v2/${name}/tags/list`)).json as { tags?: string[] }).tags ?? [];
        for (const tag of tags) {
          manifestBytes += (await get(`/v2/${name}/manifests/${tag}`, MANIFEST_ACCEPT)).bytes;
          manifests += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { ms: performance.now() - started, listMs, repositories: names.length, manifests, manifestBytes };
  } finally {
    await dispatcher.close();
  }
}
