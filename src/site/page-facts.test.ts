import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { factsOf, searchSource } from './page-facts.ts';

const page = (main: string, extra = '') =>
  `<!DOCTYPE html><html lang="en" dir="ltr" data-theme="dark"><head><title>T</title>${extra}</head><body><header><a href="/">Home</a></header>${main}<footer>f</footer></body></html>`;

describe('page facts', () => {
  it('a Starlight page gives Pagefind its <html> tag and its <main data-pagefind-body> only', () => {
    const main =
      '<main data-pagefind-body class="x" lang="en"><h1 id="_top">Backups</h1><div data-pagefind-meta="title:Acme · Backups" hidden></div><span data-pagefind-filter="client" hidden>Acme</span><p>Nightly.</p></main>';
    expect(searchSource(page(main))).toEqual({
      kind: 'body',
      html: `<!DOCTYPE html><html lang="en" dir="ltr" data-theme="dark"><head></head><body>${main}</body></html>`,
    });
  });

  it('a page without data-pagefind-body is left out; one shaped otherwise is given whole', () => {
    expect(searchSource(page('<main><p>history</p></main>'))).toEqual({ kind: 'none' });
    const outside = page(
      '<main data-pagefind-body><p>x</p></main>',
      '<meta data-pagefind-meta="image:/a.png">',
    );
    expect(searchSource(outside)).toEqual({ kind: 'page', html: outside });
    const onDiv = page('<main><div data-pagefind-body><p>x</p></div></main>');
    expect(searchSource(onDiv)).toEqual({ kind: 'page', html: onDiv });
    const unclosed = '<html><body><main data-pagefind-body><p>x</p></body></html>';
    expect(searchSource(unclosed)).toEqual({ kind: 'page', html: unclosed });
  });

  it('keeps each page’s links with its size and time', () => {
    const facts = factsOf(page('<main><a href="/a/">a</a><a href="/a/">again</a><img src="/i.png"></main>'), {
      size: 3,
      mtimeMs: 4,
    });
    expect(facts).toMatchObject({ size: 3, mtimeMs: 4, links: ['/', '/a/', '/i.png'] });
  });

  it('keeps none of the page it read: a cold build holds the facts of 18,000 pages, not the pages', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // 100 pages of 300 KB (30 MB), most of it the sidebar, as on a Starlight page; the searchable
    // <main> and the links are small.
    const sidebar = (i: number) => `<nav>${`<span>entry ${i}</span>`.repeat(15_000)}</nav>`;
    const read = (i: number) =>
      page(
        `${sidebar(i)}<main data-pagefind-body><h1>Page ${i}</h1><a href="/clients/acme-dental/binder/section-${i}/">s</a></main>`,
      );
    gc();
    const before = process.memoryUsage().heapUsed;
    const facts = Array.from({ length: 100 }, (_, i) => factsOf(read(i), { size: 1, mtimeMs: 1 }));
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    expect(facts[7]?.links).toContain('/clients/acme-dental/binder/section-7/');
    expect(facts[7]?.search).toMatchObject({
      kind: 'body',
      html: expect.stringContaining('<h1>Page 7</h1>'),
    });
    // A slice of the page (a link, the <main>) would keep all 300 KB of it.
    expect(kept).toBeLessThan(3 * 1024 * 1024);
  });
});
