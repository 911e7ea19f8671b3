import { type SiteConfig, siteTitle, siteUrlOf } from '../config/site-config.ts';
import type { ClientProfile, MspSettings } from '../schemas/index.ts';

/**
 * The settings of a site build for tests that build the site model in process: the staff site
 * (at msp.yaml's URL), or `client`'s (at `clientProfile`'s portal when given, else unpublished),
 * titled with `clientName` when given, at `now`, in the default folders.
 */
export function testSiteConfig(
  msp: MspSettings,
  options: { client?: string; clientName?: string; clientProfile?: ClientProfile; now: string },
): SiteConfig {
  const { client } = options;
  const siteUrl = siteUrlOf(msp, client ? (options.clientProfile ?? {}) : undefined);
  return {
    root: '/repo',
    msp,
    ...(client ? { client } : {}),
    ...(siteUrl ? { siteUrl } : {}),
    title: siteTitle(msp, options.clientName),
    outDir: 'dist',
    variant: client ? `client-${client}` : 'internal',
    cacheDir: '.cache',
    keptDir: '.cache/dist',
    now: new Date(options.now),
    feedKey: '',
  };
}
