import { isMap, isSeq, LineCounter, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { UserError } from './errors.ts';

/** An `overrides.skip` entry as one flow-style mapping, `{ id: …, reason: "…", graduated: … }`. */
export function skipEntryFlow(entry: { id: string; reason: string; graduated: string }): string {
  return `{ id: ${entry.id}, reason: ${JSON.stringify(entry.reason)}, graduated: ${entry.graduated} }`;
}

/**
 * Adds an entry to a client profile's `overrides.skip`. When the profile already has a block
 * list there, the entry is inserted as one more line after it, so nothing else in the file
 * changes; otherwise the frontmatter is rewritten through the YAML library's document model
 * (comments and key order stay). The body after the frontmatter is kept byte for byte. Pure.
 */
export function addSkipOverride(
  text: string,
  file: string,
  entry: { id: string; reason: string; graduated: string },
): string {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const close = /^---[ \t]*$/.test(lines[0] ?? '')
    ? lines.findIndex((line, index) => index > 0 && /^---[ \t]*$/.test(line))
    : -1;
  if (close < 0) throw new UserError(`${file} has no frontmatter to add the override to.`);
  const yamlLines = lines.slice(1, close);
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlLines.join('\n'), { lineCounter });
  if (document.errors.length)
    throw new UserError(`${file} has a YAML error: run \`npm run binder -- check\` first.`);
  const overrides = document.get('overrides', true);
  const skip = isMap(overrides) ? overrides.get('skip', true) : undefined;
  if (isSeq(skip) && !skip.flow && skip.items.length > 0 && skip.range) {
    const first = lineCounter.linePos(skip.range[0]).line - 1;
    const last = lineCounter.linePos(Math.max(skip.range[0], skip.range[1] - 1)).line - 1;
    // The list may end on a blank or comment line that belongs to what follows: back up to content.
    let end = last;
    while (end > first && !/^\s*-|^\s+\S/.test(yamlLines[end] ?? '')) end -= 1;
    const indent = /^(\s*)-/.exec(yamlLines[first] ?? '')?.[1] ?? '    ';
    yamlLines.splice(end + 1, 0, `${indent}- ${skipEntryFlow(entry)}`);
    return ['---', ...yamlLines, ...lines.slice(close)].join(newline);
  }
  if (overrides === undefined || overrides === null) {
    yamlLines.push('overrides:', '  skip:', `    - ${skipEntryFlow(entry)}`);
    return ['---', ...yamlLines, ...lines.slice(close)].join(newline);
  }
  if (isMap(overrides) && !overrides.flow && skip === undefined && overrides.items.length > 0) {
    const firstKey = overrides.items[0]?.key as { range?: [number, number, number] } | undefined;
    if (firstKey?.range) {
      const keyLine = lineCounter.linePos(firstKey.range[0]).line - 1;
      const indent = /^(\s*)/.exec(yamlLines[keyLine] ?? '')?.[1] ?? '  ';
      yamlLines.splice(keyLine, 0, `${indent}skip:`, `${indent}  - ${skipEntryFlow(entry)}`);
      return ['---', ...yamlLines, ...lines.slice(close)].join(newline);
    }
  }
  // A flow-style `overrides` or `skip` (rare): rewrite the frontmatter through the document.
  let map: unknown = overrides;
  if (!isMap(map)) {
    map = new YAMLMap();
    document.set('overrides', map);
  }
  let list: unknown = (map as YAMLMap).get('skip', true);
  if (!isSeq(list)) {
    list = new YAMLSeq();
    (map as YAMLMap).set('skip', list);
  }
  const node = document.createNode(entry) as YAMLMap;
  node.flow = true;
  (list as YAMLSeq).add(node);
  const yaml = document.toString({ lineWidth: 0 }).replace(/\n$/, '');
  return ['---', ...yaml.split('\n'), ...lines.slice(close)].join(newline);
}
