#!/usr/bin/env node
/**
 * Writes a synthetic MSP repository: seeded, deterministic, and valid for `binder check`.
 *
 *   node bench/generate-msp.ts <outDir> [--clients N] [--months M] [--seed S] [--end YYYY-MM]
 *                                        [--template FILE] [--builtin-template] [--force]
 *
 * By default the checklist template and `templates/binder/` come from this checkout; with
 * `--builtin-template` a small built-in template is used instead. See bench/synthetic/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runEntryPoint } from '../src/cli/entry-point.ts';
import { UserError } from '../src/core/errors.ts';
import { DEFAULT_END_MONTH, writeSyntheticMsp } from './synthetic/generate-msp.ts';

const USAGE = `Usage: node bench/generate-msp.ts <outDir> [options]

Options:
  --clients N          number of clients (default 10)
  --months M           months of checklist history (default 12)
  --seed S             any text or number; same seed, same bytes (default 1)
  --end YYYY-MM        last month of history (default ${DEFAULT_END_MONTH})
  --template FILE      checklist template to use (default: this checkout's templates/checklists/monthly.md)
  --builtin-template   use the generator's small built-in template and no templates/binder/
  --force              replace content/ and templates/ in a non-empty outDir
  --help               show this help`;

function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UserError(`${flag} must be a whole number; got \`${value}\`.`);
  return Number(value);
}

/** The options, or a UserError for an unknown or malformed one. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        clients: { type: 'string' },
        months: { type: 'string' },
        seed: { type: 'string' },
        end: { type: 'string' },
        template: { type: 'string' },
        'builtin-template': { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UserError(`${(error as Error).message} (see --help).`, { cause: error });
  }
}

/** The checklist template `--template` names, or a UserError saying why it cannot be read. */
async function readTemplate(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read --template ${file} (${(error as NodeJS.ErrnoException).code}).`, {
      cause: error,
    });
  }
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [outDir, ...extra] = positionals;
  if (!outDir || extra.length > 0) throw new UserError('give exactly one output directory (see --help).');
  const started = performance.now();
  const result = await writeSyntheticMsp(path.resolve(outDir), {
    clients: wholeNumber('--clients', values.clients, 10),
    months: wholeNumber('--months', values.months, 12),
    seed: values.seed ?? '1',
    ...(values.end === undefined ? {} : { endMonth: values.end }),
    ...(values.template === undefined ? {} : { template: await readTemplate(values.template) }),
    ...(values['builtin-template'] ? {} : { repoRoot: path.resolve(import.meta.dirname, '..') }),
    ...(values.force ? { force: true } : {}),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Wrote ${result.files} files (${(result.bytes / 1e6).toFixed(1)} MB) to ${outDir} in ${seconds} s.`,
  );
  return 0;
}

await runEntryPoint(() => run(process.argv.slice(2)));
