import { afterEach, describe, expect, it, vi } from 'vitest';
import { isRenderedRoutesMessage } from './build-channel.ts';
import { announceRenderedRoute, flushRenderedRoutes, ROUTES_PER_MESSAGE } from './rendered-routes.ts';

/**
 * Astro's process tells the build each rendered route, in batches: one IPC message per page cost
 * Astro's render thread ~1 s of a cold build at 100 clients (`process.send` writes synchronously).
 * Nothing may be lost or reordered, and what is left is sent before Astro says it is done.
 */
describe('rendered routes, announced in batches', () => {
  afterEach(() => {
    flushRenderedRoutes(() => true);
    vi.useRealTimers();
  });

  it('sends a full batch at once, the rest after a short wait, in the order rendered', () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const send = (message: unknown) => sent.push(message) > 0;
    const routes = Array.from({ length: ROUTES_PER_MESSAGE * 2 + 3 }, (_, i) => `/page-${i}/`);
    for (const route of routes) announceRenderedRoute(route, send);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(3);
    expect(sent.every(isRenderedRoutesMessage)).toBe(true);
    expect(sent.flatMap((message) => (message as { renderedRoutes: string[] }).renderedRoutes)).toEqual(
      routes,
    );
  });

  it('sends what is left when flushed, and nothing when nothing is left', () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const send = (message: unknown) => sent.push(message) > 0;
    announceRenderedRoute('/a/', send);
    announceRenderedRoute('/b/', send);
    expect(sent).toEqual([]);
    flushRenderedRoutes(send);
    expect(sent).toEqual([{ renderedRoutes: ['/a/', '/b/'] }]);
    flushRenderedRoutes(send);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
  });

  it('keeps one batch for the process: the middleware and the integration are separate module copies', async () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const send = (message: unknown) => sent.push(message) > 0;
    announceRenderedRoute('/first/', send);
    // A second copy of the module, as Astro's prerender bundle holds one and its config another.
    vi.resetModules();
    const copy = await import('./rendered-routes.ts');
    copy.announceRenderedRoute('/second/', send);
    copy.flushRenderedRoutes(send);
    expect(sent).toEqual([{ renderedRoutes: ['/first/', '/second/'] }]);
  });

  it('tells routes from other messages', () => {
    expect(isRenderedRoutesMessage({ renderedRoutes: ['/a/'] })).toBe(true);
    expect(isRenderedRoutesMessage({ renderedRoutes: [1] })).toBe(false);
    expect(isRenderedRoutesMessage({ renderedRoute: '/a/' })).toBe(false);
    expect(isRenderedRoutesMessage(null)).toBe(false);
  });
});
