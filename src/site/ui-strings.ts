import type { AstroIntegration } from 'astro';

/** Starlight's `Astro.locals.t`, as far as this module uses it. */
export type Translate = ((key: string, options?: Record<string, unknown>) => string) & {
  all: () => Record<string, string>;
  exists: (key: string, options?: Record<string, unknown>) => boolean;
  dir: (lang?: string) => 'ltr' | 'rtl';
};

/** Each locale's strings, as the first page of the build was given them. */
export type RememberedStrings = Map<string, Map<string, string>>;

/**
 * Starlight's `t` for a page, answering a string asked without options from what earlier pages
 * were given (its components ask for the same dozen strings on every page, and each answer goes
 * through i18next: ~1.6 s of a cold build at 100 clients). A string asked with options (one to
 * fill in) is Starlight's own answer each time; `all`, `exists` and `dir` are the page's own.
 */
export function rememberUiStrings(t: Translate, locale: string, remembered: RememberedStrings): Translate {
  let strings = remembered.get(locale);
  if (!strings) {
    strings = new Map();
    remembered.set(locale, strings);
  }
  const known = strings;
  const lookUp = (key: string, options?: Record<string, unknown>): string => {
    if (options !== undefined) return t(key, options);
    let value = known.get(key);
    if (value === undefined) {
      value = t(key);
      known.set(key, value);
    }
    return value;
  };
  return Object.assign(lookUp, { all: t.all, exists: t.exists, dir: t.dir });
}

/**
 * The Astro integration, for builds only: a middleware after Starlight's, which gives each page its
 * `t`, puts the remembering one in its place (src/site/remember-ui-strings.ts). `astro dev` keeps
 * Starlight's own, so an edit to src/content/i18n/en.json shows at once.
 */
export function uiStringsIntegration(): AstroIntegration {
  return {
    name: 'msp-binder-ui-strings',
    hooks: {
      'astro:config:setup': ({ addMiddleware, command }) => {
        if (command !== 'build') return;
        addMiddleware({ entrypoint: new URL('./remember-ui-strings.ts', import.meta.url), order: 'post' });
      },
    },
  };
}
