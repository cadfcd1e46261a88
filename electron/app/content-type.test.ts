import { describe, expect, it } from 'vitest';
import { contentTypeFor } from './content-type';

describe('contentTypeFor', () => {
  it('knows what a Vite build emits', () => {
    expect(contentTypeFor('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/r/assets/index-x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/r/assets/index-x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/r/icon.svg')).toBe('image/svg+xml');
  });
  it('serves unknown files as opaque bytes, so nosniff keeps them inert', () => {
    expect(contentTypeFor('/r/readme')).toBe('application/octet-stream');
    expect(contentTypeFor('/r/x.exe')).toBe('application/octet-stream');
  });
});
