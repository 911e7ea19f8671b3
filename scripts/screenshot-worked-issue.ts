#!/usr/bin/env node
/**
 * Draws docs/images/worked-issue.png for the technician's guide: December's real onsite issue
 * for Harbor Dental (as `binder sync` renders it), worked the way a technician would, shown
 * the way GitHub shows an issue. Run: node scripts/screenshot-worked-issue.ts
 */
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { chromium } from 'playwright-core';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { runEntryPoint } from '../src/cli/entry-point.ts';
import { readContent } from '../src/content/read-content.ts';
import { UserError } from '../src/core/errors.ts';
import { renderIssueBody } from '../src/core/issue-body.ts';
import { planMonth } from '../src/core/plan-month.ts';

const root = path.resolve(import.meta.dirname, '..');
await runEntryPoint(async () => {
  const content = await readContent(root);
  if (!content.msp) throw new UserError('content/msp.yaml is invalid: run `npm run binder -- check`.');
  const issue = planMonth({ ...content, msp: content.msp }, '2026-12', ['harbor-dental']).find(
    (planned) => planned.tier === 'onsite',
  );
  if (!issue) throw new Error('no onsite issue for Harbor Dental in 2026-12');
  let body = renderIssueBody(issue, content.msp.siteUrl);
  body = body.replace(/- \[ \] (Client check-in[^\n]*)/, '- [x] $1');
  body = body.replace(/- \[ \] (Review the client's open tickets[^\n]*)/, '- [x] $1');
  body = body.replace(/- \[ \] (Run the UPS self-test[^\n]*)/, '- [x] $1');
  body = body.replace(/- \[ \] (Label the rotated backup media[^<]*?)( <!--)/, '- [ ] ~~$1~~$2');
  body = body.replace(/- \[ \] (Update the binder's tech notes[^\n]*)/, '- [x] $1');
  body = body.replace(/- \[ \] (Verify last night's backup[^\n]*)/, '- [x] $1');
  const markdown = (text: string) =>
    toHtml(
      toHast(unified().use(remarkParse).use(remarkGfm).parse(text) as Root, { allowDangerousHtml: true }),
      { allowDangerousHtml: true },
    );
  const comments = [
    ['jane-tech', '18:20', 'UPS self-test passed, 41 minutes of runtime at current load.'],
    [
      'jane-tech',
      '18:40',
      'Server room walkthrough: the closet was locked and the key holder was out. Moved to January.',
    ],
  ];
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
  body{font:14px -apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;margin:0;background:#fff}
  .wrap{max-width:900px;margin:24px auto;padding:0 16px}
  h1{font-size:26px;font-weight:400;margin:0 0 8px} h1 span{color:#59636e}
  .state{display:inline-block;background:#8250df;color:#fff;border-radius:2em;padding:4px 12px;font-weight:600;margin-right:8px}
  .meta{color:#59636e;margin-bottom:16px} .label{display:inline-block;border-radius:2em;padding:0 8px;font-size:12px;font-weight:500;margin-right:4px;background:#ddf4ff;color:#0969da}
  .box{border:1px solid #d1d9e0;border-radius:6px;margin-bottom:16px} .box header{background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:8px 16px;color:#59636e;border-radius:6px 6px 0 0}
  .box .md{padding:8px 16px} ul{padding-left:2em} li{margin:2px 0} ul.contains-task-list{list-style:none;padding-left:0.5em} h3{font-size:16px;margin:16px 0 8px}
  blockquote{margin:0;padding:0 1em;color:#59636e;border-left:.25em solid #d1d9e0} del{color:#59636e} sub{color:#59636e}
  </style></head><body><div class="wrap">
  <h1>${issue.title} <span>#412</span></h1>
  <div class="meta"><span class="state">Closed</span> jane-tech closed this as completed on Dec 8 ·
  ${issue.labels.map((label) => `<span class="label">${label}</span>`).join('')}</div>
  <div class="box"><header><b>tidewater-noc</b> opened this on Dec 1</header><div class="md">${markdown(body)}</div></div>
  ${comments.map(([who, at, text]) => `<div class="box"><header><b>${who}</b> commented Dec 8, ${at}</header><div class="md">${markdown(text ?? '')}</div></div>`).join('')}
  </div></body></html>`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport: { width: 960, height: 1000 } });
  await page.setContent(html);
  await page.screenshot({ path: path.join(root, 'docs/images/worked-issue.png'), fullPage: true });
  await browser.close();
  console.log('wrote docs/images/worked-issue.png');
});
