import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { childProcessEnvironment } from '../config/environment.ts';
import { readContent } from '../content/read-content.ts';
import { clientOfPath, contentPaths } from '../core/content-paths.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { OutsideError, UserError } from '../core/errors.ts';
import { siteRoutes } from '../core/site-links.ts';
import { checkClientSite, compileForbidden, type Leak } from '../site/leak-check.ts';
import { pdfPageTexts } from './pdf-text.ts';
import { launchChromium, renderPdf, requireChromium } from './render-pdf.ts';
import { serveDirectory } from './static-server.ts';

/** Which document to print. */
export type PrintedDocument =
  | { kind: 'binder'; audience: 'client' | 'staff' }
  | { kind: 'report'; month: string };

/** What to print, for whom, and where to. */
export interface PrintRequest {
  /** Repository root. */
  root: string;
  /** Client slug (validated). */
  client: string;
  /** The document. */
  document: PrintedDocument;
  /** The PDF file to write (absolute). */
  out: string;
  /** The moment printed (the date on the cover; the last 12 months end here). */
  now: Date;
  /** The Chromium executable (default /usr/bin/chromium). */
  chromium?: string;
}

/** What was written and how long each part took. */
export interface PrintResult {
  /** The PDF file. */
  file: string;
  /** Pages in it. */
  pages: number;
  /** Its size in bytes. */
  bytes: number;
  /** Seconds: the site build, the leak checks, the rendering, and all of it. */
  seconds: { build: number; check: number; render: number; total: number };
}

/** The product's own site build (beside this module), run in the repository being printed from. */
const BUILD_SCRIPT = path.resolve(import.meta.dirname, '../../scripts/build-site.ts');

/** Runs the site build; resolves its output, or fails with its last lines. */
async function buildSite(root: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', BUILD_SCRIPT], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) =>
      reject(new OutsideError(`the site build did not start: ${error.message}`, { cause: error })),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else
        reject(
          new OutsideError(
            `the site build failed (exit ${code}); nothing was printed. Its last lines:\n${output.trim().split('\n').slice(-15).join('\n')}`,
          ),
        );
    });
  });
}

function describeLeaks(leaks: readonly Leak[]): string {
  return leaks
    .slice(0, 10)
    .map((leak) => `  ${leak.file}: "${leak.found}" (from ${leak.source})`)
    .join('\n');
}

/**
 * Prints a client's binder or monthly report to PDF from a print route of a real site build, so
 * the PDF and the site never disagree: the client's own build for what the client receives (the
 * staff build for the staff copy), served on 127.0.0.1 and printed by Chromium. What the client
 * receives is checked like the client's site, fail closed: the build, then the PDF's own text,
 * must hold nothing of another client and nothing staff-only, or no file is written.
 */
export async function printClientDocument(request: PrintRequest): Promise<PrintResult> {
  const started = performance.now();
  const { root, client, document } = request;
  requireChromium(request.chromium);
  const own = await readContent(root, { clients: [client] });
  if (!own.clients.some((entry) => entry.slug === client)) {
    const all = await readContent(root);
    throw new UserError(
      `unknown client \`${client}\`; clients are: ${all.clients.map((entry) => entry.slug).join(', ') || 'none'}.`,
    );
  }
  const errors = own.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0)
    throw new UserError(
      `${client}'s files (or the shared ones) have ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was printed. Fix them (npm run binder -- check):\n${errors.map(formatDiagnostic).join('\n')}`,
    );
  if (document.kind === 'report') {
    const months = [
      ...new Set(
        own.archives.filter((entry) => clientOfPath(entry.file) === client).map((entry) => entry.data.month),
      ),
    ].sort();
    if (!months.includes(document.month))
      throw new UserError(
        `${client} has no archived checklist for ${document.month} in ${contentPaths.clientChecklistsDir(client)}/, so there is no report to print. Months with a report: ${months.join(', ') || 'none'}.`,
      );
  }
  const forClient = document.kind === 'report' || document.audience === 'client';
  const work = await mkdtemp(path.join(os.tmpdir(), 'binder-print-'));
  try {
    const dist = path.join(work, 'site');
    await buildSite(
      root,
      childProcessEnvironment({
        BINDER_OUT_DIR: dist,
        BINDER_NOW: request.now.toISOString(),
        ...(forClient ? { BINDER_CLIENT: client } : {}),
      }),
    );
    const built = performance.now();
    const { leaks, forbidden } = forClient
      ? await checkClientSite(root, dist, client)
      : { leaks: [], forbidden: [] };
    if (leaks.length > 0)
      throw new UserError(
        `${client}'s site holds what it must not (${leaks.length} finding${leaks.length === 1 ? '' : 's'}); nothing was printed:\n${describeLeaks(leaks)}`,
      );
    const checked = performance.now();
    const route =
      document.kind === 'report' ? siteRoutes.report(client, document.month) : siteRoutes.print(client);
    const server = await serveDirectory(dist);
    const browser = await launchChromium(request.chromium).catch(async (error) => {
      await server.close();
      throw error;
    });
    let pdf: Uint8Array;
    try {
      ({ pdf } = await renderPdf(browser, `${server.url}${route}`));
    } finally {
      await browser.close();
      await server.close();
    }
    const rendered = performance.now();
    const pages = await pdfPageTexts(pdf);
    if (forClient) {
      const found = compileForbidden(forbidden).find(pages.join('\n'));
      if (found.length > 0)
        throw new UserError(
          `the PDF would hold what ${client} must not see; nothing was written:\n${found
            .slice(0, 10)
            .map((entry) => `  "${entry.text}" (from ${entry.source})`)
            .join('\n')}`,
        );
    }
    await mkdir(path.dirname(request.out), { recursive: true });
    await writeFile(request.out, pdf);
    const seconds = (from: number, to: number) => +((to - from) / 1000).toFixed(1);
    return {
      file: request.out,
      pages: pages.length,
      bytes: pdf.byteLength,
      seconds: {
        build: seconds(started, built),
        check: +(seconds(built, checked) + seconds(rendered, performance.now())).toFixed(1),
        render: seconds(checked, rendered),
        total: seconds(started, performance.now()),
      },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
