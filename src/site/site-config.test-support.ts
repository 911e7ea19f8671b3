import { type SiteConfig, siteTitle } from '../config/site-config.ts';
import type { MspSettings } from '../schemas/index.ts';

/**
 * The settings of a site build for tests that build the site model in process: the staff site
 * (at msp.yaml's URL), or `client`'s (without a portal), titled with `clientName` when given, at
 * `now`, in the default folders.
 */
export function testSiteConfig(
  msp: MspSettings,
  options: { client?: string; clientName?: string; now: string },
): SiteConfig {
  const { client } = options;
  return {
    root: '/repo',
    msp,
    ...(client ? { client } : { siteUrl: msp.siteUrl }),
    title: siteTitle(msp, options.clientName),
    outDir: 'dist',
    variant: client ? `client-${client}` : 'internal',
    cacheDir: '.cache',
    keptDir: '.cache/dist',
    now: new Date(options.now),
    feedKey: '',
  };
}
