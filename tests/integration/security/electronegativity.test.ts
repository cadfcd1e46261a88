import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../support/processes';

// Electronegativity (the Electron security scanner security.md asks for) exits 0 whatever it
// finds, so this test is the gate: it scans the built main, preload and renderer bundles and
// fails on any finding not accepted below with its reason.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

interface Finding {
  id: string;
  file: string;
  location?: { line: number };
  description: string;
  sample?: string;
  severity: { name: string };
  confidence: { name: string };
}
interface ScanResult {
  issues: Finding[];
  errors: Array<{ file: string; message: string }>;
}
type Run = (options: Record<string, unknown>) => Promise<ScanResult>;

/** Findings reviewed and accepted: which finding exactly, and why it is safe here. */
const ACCEPTED: Array<{ why: string; matches: (finding: Finding) => boolean }> = [
  {
    why: "the one openExternal call, in openExternalIfAllowed (electron/app/web-contents-guard.ts), runs only after isAllowedExternalUrl: https, default port, no credentials, allow-listed hosts",
    matches: (f) => f.id === 'OPEN_EXTERNAL_JS_CHECK' && /shell\.openExternal\(\w+\)\.catch\(/.test(f.sample ?? ''),
  },
  {
    why: "csp-evaluator's only remark on our policy is that script-src 'self' is risky where the origin hosts JSONP, Angular or user uploads; app:// and the web host serve only the built renderer (uploads are staged, never served). A weak policy (unsafe-inline, eval, wildcards) is reported with CERTAIN confidence and is not accepted",
    matches: (f) => f.id === 'CSP_GLOBAL_CHECK' && f.confidence.name === 'FIRM' && f.file.endsWith('index.html'),
  },
];

function accepted(finding: Finding): boolean {
  return ACCEPTED.some((a) => a.matches(finding));
}

let dir: string;
let result: ScanResult;

/**
 * The scanner's parser predates class private fields and other ES2022 syntax, so the same
 * sources are bundled again with the syntax lowered (and .js names, the only ones it reads).
 */
async function scanTree(): Promise<string> {
  const root = await makeTempDir('electronegativity');
  const common = { absWorkingDir: repoRoot, bundle: true, platform: 'node' as const, target: 'es2019', format: 'cjs' as const, logLevel: 'warning' as const };
  await build({ ...common, entryPoints: ['electron/app/main.ts'], outfile: join(root, 'main.js'), external: ['electron', 'keytar'] });
  await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: join(root, 'preload.js'), external: ['electron'] });
  const rendererOut = join(repoRoot, 'out', 'renderer');
  await mkdir(join(root, 'renderer', 'assets'), { recursive: true });
  await copyFile(join(rendererOut, 'index.html'), join(root, 'renderer', 'index.html'));
  for (const name of await readdir(join(rendererOut, 'assets'))) {
    if (!name.endsWith('.js')) continue;
    const lowered = await transform(await readFile(join(rendererOut, 'assets', name), 'utf8'), { target: 'es2019', loader: 'js' });
    await writeFile(join(root, 'renderer', 'assets', name), lowered.code);
  }
  return root;
}

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'out', 'renderer', 'index.html'))) throw new Error('No built renderer in out/renderer: run `npm run build` first (npm test does).');
  dir = await scanTree();
  result = await scan(dir);
}, 180_000);

function scan(input: string): Promise<ScanResult> {
  const loaded = require('@doyensec/electronegativity') as { default?: Run } & Run;
  const run = loaded.default ?? loaded;
  return run({ input, electronVersion: '45.0.0', severitySet: 'informational', confidenceSet: 'tentative', isRelative: true });
}

afterAll(async () => {
  if (dir) await removeTempDir(dir);
});

describe('Electronegativity on the built bundles', () => {
  it('parses every file it scans', () => {
    expect(result.errors).toEqual([]);
  });

  it('sees the hardening it looks for in main (so it scanned the real bundle, not nothing)', () => {
    // Its global checks report a missing will-navigate / permission handler; silence means found.
    const ids = result.issues.map((f) => f.id);
    expect(ids).not.toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(ids).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
    expect(result.issues.some((f) => f.file === 'main.js')).toBe(true);
  });

  it('flags an unsandboxed window with no navigation or permission guard (the gate can fail)', async () => {
    const bad = await makeTempDir('electronegativity-bad');
    try {
      await writeFile(join(bad, 'main.js'), "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n");
      const found = (await scan(bad)).issues.map((f) => f.id);
      expect(found).toEqual(expect.arrayContaining(['SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']));
    } finally {
      await removeTempDir(bad);
    }
  }, 120_000);

  it('reports nothing that has not been reviewed and accepted', () => {
    const open = result.issues
      .filter((f) => !accepted(f))
      .map((f) => `${f.severity.name}/${f.confidence.name} ${f.id} ${f.file}:${f.location?.line ?? 0} ${f.description} ${(f.sample ?? '').slice(0, 160)}`);
    expect(open).toEqual([]);
  });
});
