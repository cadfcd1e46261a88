import { describe, expect, it } from 'vitest';
import type { WalkedNode } from '../model';
import { applyHelmignore, parseHelmignore } from './helmignore';

const node = (rel: string, type: WalkedNode['type'] = 'file'): WalkedNode => ({ rel, type, size: 0, mtimeMs: 0 });
const tree = [
  node('.git', 'directory'),
  node('.git/HEAD'),
  node('.helmignore'),
  node('Chart.yaml'),
  node('README.md'),
  node('notes.tmp'),
  node('sub', 'directory'),
  node('sub/keep.tmp'),
  node('sub/x.bak'),
  node('templates', 'directory'),
  node('templates/.hidden'),
  node('templates/cm.yaml'),
  node('values.yaml'),
];

describe('helmignore (helm pkg/ignore)', () => {
  it('base-name rules, folder rules (their content goes too), anchored rules, and Helm\'s default templates/.?*', () => {
    const { rules, problems } = parseHelmignore('# comment\n.git/\n*.tmp\n/README.md\n*.bak\n');
    expect(problems).toEqual([]);
    expect(applyHelmignore(tree, rules).map((n) => n.rel)).toEqual(['.helmignore', 'Chart.yaml', 'sub', 'templates', 'templates/cm.yaml', 'values.yaml']);
  });

  it('a ! rule works as Helm\'s does (not as git\'s): whatever does not match it is ignored', () => {
    const { rules } = parseHelmignore('!*.yaml\n');
    expect(applyHelmignore(tree, rules).map((n) => n.rel)).toEqual(['Chart.yaml', 'values.yaml']);
  });

  it('refuses ** and broken patterns as Helm does', () => {
    expect(parseHelmignore('**/x\n[abc\n').problems).toEqual(['.helmignore: "**/x" uses **, which Helm does not support.', '.helmignore: "[abc" is not a valid pattern.']);
  });
});
