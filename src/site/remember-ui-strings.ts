import { defineMiddleware } from 'astro:middleware';
import { type RememberedStrings, rememberUiStrings, type Translate } from './ui-strings.ts';

/** One per build (the middleware runs in builds only): the strings do not change during one. */
const remembered: RememberedStrings = new Map();

/**
 * Astro middleware, after Starlight's: each page's `Astro.locals.t` answers the strings asked
 * before from memory (src/site/ui-strings.ts). Pages that are not Starlight's have no `t`.
 */
export const onRequest = defineMiddleware((context, next) => {
  const t = context.locals.t as unknown as Translate | undefined;
  if (typeof t === 'function')
    context.locals.t = rememberUiStrings(
      t,
      context.currentLocale ?? '',
      remembered,
    ) as unknown as typeof context.locals.t;
  return next();
});
