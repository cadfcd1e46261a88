import type { WalkedNode } from '../model';

/** Go's filepath.Match as a regular expression: `*` and `?` never cross `/`, `[...]` classes with `^` negation, `\` escapes. */
function globToRegex(glob: string): RegExp | undefined {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\') {
      i += 1;
      if (i >= glob.length) return undefined;
      out += glob[i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) return undefined;
      let body = glob.slice(i + 1, end);
      if (body.startsWith('^')) body = `^${body.slice(1).replace(/\\/g, '\\\\')}`;
      else body = body.replace(/\\/g, '\\\\');
      out += `(?!/)[${body}]`;
      i = end;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${out}$`);
  } catch {
    return undefined;
  }
}

interface Rule {
  negate: boolean;
  mustDir: boolean;
  /** Match the whole relative path (a rule with `/`), else the base name only. */
  whole: boolean;
  regex: RegExp;
}

/**
 * helm's pkg/ignore: .helmignore lines (comments, `!` negation, a trailing `/` for folders, a
 * leading `/` anchoring to the chart root, a rule without `/` matching base names), plus Helm's
 * default `templates/.?*`. Rules Helm refuses (`**`, bad patterns) are returned as problems.
 */
export function parseHelmignore(text: string): { rules: Rule[]; problems: string[] } {
  const rules: Rule[] = [];
  const problems: string[] = [];
  for (const raw of ['templates/.?*', ...text.replace(/^\uFEFF/, '').split(/\r?\n/)]) {
    let rule = raw.trim();
    if (rule === '' || rule.startsWith('#')) continue;
    if (rule.includes('**')) {
      problems.push(`.helmignore: "${rule}" uses **, which Helm does not support.`);
      continue;
    }
    const negate = rule.startsWith('!');
    if (negate) rule = rule.slice(1);
    const mustDir = rule.endsWith('/');
    if (mustDir) rule = rule.slice(0, -1);
    const anchored = rule.startsWith('/');
    if (anchored) rule = rule.slice(1);
    const regex = globToRegex(rule);
    if (!regex) {
      problems.push(`.helmignore: "${raw.trim()}" is not a valid pattern.`);
      continue;
    }
    rules.push({ negate, mustDir, whole: anchored || rule.includes('/'), regex });
  }
  return { rules, problems };
}

function ignored(rules: readonly Rule[], path: string, isDir: boolean): boolean {
  for (const rule of rules) {
    const subject = rule.whole ? path : path.slice(path.lastIndexOf('/') + 1);
    if (rule.negate) {
      if (rule.mustDir && !isDir) return true;
      if (!rule.regex.test(subject)) return true;
      continue;
    }
    if (rule.mustDir && !isDir) continue;
    if (rule.regex.test(subject)) return true;
  }
  return false;
}

/** The chart folder's content `helm package` keeps: ignored files dropped, and everything under an ignored folder. */
export function applyHelmignore(nodes: readonly WalkedNode[], rules: readonly Rule[]): WalkedNode[] {
  const kept: WalkedNode[] = [];
  const skippedDirs: string[] = [];
  for (const node of nodes) {
    if (skippedDirs.some((d) => node.rel.startsWith(`${d}/`))) continue;
    if (ignored(rules, node.rel, node.type === 'directory')) {
      if (node.type === 'directory') skippedDirs.push(node.rel);
      continue;
    }
    kept.push(node);
  }
  return kept;
}
