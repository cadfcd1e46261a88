import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { HELP_URL, menuTemplate } from './menu-template';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

describe('menuTemplate', () => {
  const base = { appName: 'Stevedore', openExternal: () => {} };
  it('has reload and dev tools only in development', () => {
    expect(roles(menuTemplate({ ...base, platform: 'linux', isDev: true }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    const production = roles(menuTemplate({ ...base, platform: 'linux', isDev: false }));
    expect(production).not.toContain('reload');
    expect(production).not.toContain('forceReload');
    expect(production).not.toContain('toggleDevTools');
  });
  it('has the macOS app menu only on macOS', () => {
    const mac = menuTemplate({ ...base, platform: 'darwin', isDev: false });
    expect(mac[0]?.label).toBe('Stevedore');
    expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'front']));
    const linux = menuTemplate({ ...base, platform: 'linux', isDev: false });
    expect(linux.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', '&Window', 'help']);
    expect(roles(linux)).not.toContain('about');
  });
  it('keeps the editing shortcuts text fields need', () => {
    expect(roles(menuTemplate({ ...base, platform: 'linux', isDev: false }))).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });
  it('opens help through the external-link opener', () => {
    const opened: string[] = [];
    const help = menuTemplate({ ...base, platform: 'linux', isDev: false, openExternal: (url) => opened.push(url) }).at(-1);
    const item = (help?.submenu as MenuItemConstructorOptions[])[0];
    (item?.click as () => void)();
    expect(opened).toEqual([HELP_URL]);
  });
});
