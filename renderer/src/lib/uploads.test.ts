import { describe, expect, it } from 'vitest';
import { collectPicked, errorOf, MAX_UPLOAD_FILES } from './uploads';

const file = (name: string, text: string, relativePath = ''): File => {
  const f = new File([text], name);
  Object.defineProperty(f, 'webkitRelativePath', { value: relativePath });
  return f;
};

describe('collectPicked', () => {
  it('keeps the folder picker\'s relative paths and sums the bytes', () => {
    const set = collectPicked([file('a.txt', 'aa', 'site/a.txt'), file('b.css', 'b', 'site/css/b.css')]);
    expect(set.files.map((f) => f.path)).toEqual(['site/a.txt', 'site/css/b.css']);
    expect(set.bytes).toBe(3);
    expect(set.emptyFolders).toEqual([]);
  });

  it('uses the name for files picked one by one', () => {
    expect(collectPicked([file('chart.tgz', 'x')]).files[0]?.path).toBe('chart.tgz');
  });

  it(`refuses more than ${MAX_UPLOAD_FILES} files with a clear message`, () => {
    const many = Array.from({ length: MAX_UPLOAD_FILES + 1 }, (_, i) => file(`f${i}`, ''));
    expect(() => collectPicked(many)).toThrow(/at most 10,000 files/);
  });
});

describe('errorOf', () => {
  it('passes the host\'s own error on, with a known code only', () => {
    expect(errorOf(400, JSON.stringify({ error: { code: 'invalid-input', message: 'The upload path "../x" steps out of its folder' } }))).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/steps out/) });
    expect(errorOf(400, JSON.stringify({ error: { code: 'made-up', message: 'odd' } })).code).toBe('internal');
  });

  it('explains a guard refusal and any other status', () => {
    expect(errorOf(401, 'Open Stevedore with the address…').message).toMatch(/open it again/);
    expect(errorOf(502, '<html>').message).toBe('The upload failed (HTTP 502).');
  });
});
