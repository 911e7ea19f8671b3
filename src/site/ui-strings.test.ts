import { describe, expect, it, vi } from 'vitest';
import { rememberUiStrings, type Translate } from './ui-strings.ts';

/**
 * Starlight gives each page a `t` over i18next, and its components ask it for the same dozen
 * interface strings on every page (~1.6 s of a cold build at 100 clients). A string asked without
 * options is looked up once per site and locale; anything else is Starlight's own answer.
 */
function starlightLike(lang: string) {
  const strings: Record<string, string> = {
    'skipLink.label': `Skip to content (${lang})`,
    'page.lastUpdated': 'Last updated:',
  };
  const t = vi.fn((key: string, options?: Record<string, unknown>) =>
    options ? `${strings[key] ?? key} ${JSON.stringify(options)}` : (strings[key] ?? key),
  ) as unknown as Translate & ReturnType<typeof vi.fn>;
  Object.assign(t, {
    all: () => strings,
    exists: (key: string) => key in strings,
    dir: () => (lang === 'ar' ? 'rtl' : 'ltr'),
  });
  return t;
}

describe("Starlight's interface strings, once per site", () => {
  it('answers as Starlight does, asking it once per string', () => {
    const remembered = new Map();
    const first = starlightLike('en');
    const t = rememberUiStrings(first, 'en', remembered);
    expect(t('skipLink.label')).toBe('Skip to content (en)');
    expect(t('skipLink.label')).toBe('Skip to content (en)');
    // The next page's t, from Starlight's middleware: the strings are remembered across pages.
    const next = starlightLike('en');
    const t2 = rememberUiStrings(next, 'en', remembered);
    expect(t2('skipLink.label')).toBe('Skip to content (en)');
    expect(t2('page.lastUpdated')).toBe('Last updated:');
    expect(first).toHaveBeenCalledTimes(1);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('passes a string asked with options to Starlight, every time', () => {
    const first = starlightLike('en');
    const t = rememberUiStrings(first, 'en', new Map());
    expect(t('page.lastUpdated', { date: 'x' })).toBe('Last updated: {"date":"x"}');
    expect(t('page.lastUpdated', { date: 'y' })).toBe('Last updated: {"date":"y"}');
    expect(first).toHaveBeenCalledTimes(2);
  });

  it('keeps each locale apart, and all, exists and dir as Starlight gives them', () => {
    const remembered = new Map();
    expect(rememberUiStrings(starlightLike('en'), 'en', remembered)('skipLink.label')).toBe(
      'Skip to content (en)',
    );
    const ar = rememberUiStrings(starlightLike('ar'), 'ar', remembered);
    expect(ar('skipLink.label')).toBe('Skip to content (ar)');
    expect(ar.dir()).toBe('rtl');
    expect(ar.exists('skipLink.label')).toBe(true);
    expect(ar.all()).toEqual({
      'skipLink.label': 'Skip to content (ar)',
      'page.lastUpdated': 'Last updated:',
    });
  });
});
