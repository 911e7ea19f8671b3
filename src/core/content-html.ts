import type { Element, ElementContent, Nodes, Properties, Root, RootContent } from 'hast';
import { defaultSchema, type Schema, sanitize } from 'hast-util-sanitize';
import { find, html, svg } from 'property-information';
import rehypeRaw from 'rehype-raw';
import { unified } from 'unified';

/**
 * The URL schemes content may link to (`href`) and load images from (`src`). Shared by the content
 * schema below and by the sanitizer of text typed into GitHub (src/core/safe-markdown.ts), so a
 * link is refused or kept the same way wherever it was written.
 */
export const CONTENT_URL_PROTOCOLS = {
  href: ['http', 'https', 'mailto'],
  src: ['http', 'https'],
};

/**
 * Content files are input too: a binder section or tech note arrives by pull request, and its HTML
 * must not run script on the staff site (where every client's pages share one origin) or on a
 * client's. What HTML content may use is this schema: GitHub's own (hast-util-sanitize's default)
 * with links only to `http`, `https` and `mailto` (relative links stay: they are links between
 * content files), a few more harmless tags people write in binders (`<abbr>`, `<mark>`, `<small>`,
 * `<u>`, `<caption>`, `<figure>`), the table alignment the Markdown engine writes as `style`, and
 * what Starlight's asides are made of (`<aside>` and its title, its icon as a bare `<svg><path>`).
 * Scripts, styles, event handlers, frames, forms and their fields, and other URLs are dropped.
 *
 * The site's Markdown pipeline sanitizes every page with it (`sanitizeContentTree`, through a
 * Sätteri plugin in src/site/markdown-plugins.ts), and `binder check` reports, at its line, every
 * tag, attribute and link the sites would drop (`strippedFromElement`, `isAllowedUrl`), so what a
 * technician writes is what the page shows.
 */
const CONTENT_HTML_SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'abbr',
    'mark',
    'small',
    'u',
    'caption',
    'figure',
    'figcaption',
    'aside',
    'svg',
    'path',
  ],
  // Dropped with what they hold (other unknown tags are unwrapped: their text stays).
  strip: [...(defaultSchema.strip ?? []), 'style', 'template', 'noscript', 'textarea', 'select'],
  attributes: {
    ...defaultSchema.attributes,
    // Starlight's asides (`:::note`), made by its Markdown plugin before the page is sanitized.
    aside: ['ariaLabel', ['className', 'starlight-aside', /^starlight-aside--[a-z]+$/]],
    p: [
      ['className', 'starlight-aside__title'],
      ['ariaHidden', 'true', true],
    ],
    div: [...(defaultSchema.attributes?.div ?? []), ['className', 'starlight-aside__content']],
    svg: [
      'viewBox',
      'width',
      'height',
      ['fill', 'currentColor'],
      ['className', 'starlight-aside__icon'],
      ['ariaHidden', 'true', true],
    ],
    path: ['d', 'fillRule', 'clipRule', 'fillOpacity'],
    // GFM table alignment: the Markdown engine writes `style="text-align: right"`.
    th: [['style', /^text-align: ?(?:left|right|center);?$/]],
    td: [['style', /^text-align: ?(?:left|right|center);?$/]],
  },
  protocols: { ...defaultSchema.protocols, ...CONTENT_URL_PROTOCOLS },
};

/** Properties that hold a URL: a dropped one is reported as a link the sites refuse. */
const URL_PROPERTIES = new Set([
  'href',
  'src',
  'cite',
  'longDesc',
  'action',
  'formAction',
  'srcSet',
  'poster',
]);

/** Attributes of Starlight components (in `.mdx`) that become a link or an image. */
export const COMPONENT_URL_ATTRIBUTES = new Set(['href', 'src', 'link']);

/**
 * Whether the sites drop this attribute of a Starlight component (`<LinkCard href="javascript:…">`):
 * it becomes a link or an image, and its URL is not one the sites keep. The site's sanitizer
 * removes such attributes and `binder check` reports them, by this one test.
 */
export function isDroppedComponentUrl(attribute: {
  name?: string;
  value?: unknown;
}): attribute is { name: string; value: string } {
  return (
    !!attribute.name &&
    COMPONENT_URL_ATTRIBUTES.has(attribute.name) &&
    typeof attribute.value === 'string' &&
    !isAllowedUrl(attribute.value)
  );
}

/** What of one element the sites drop. */
export type StrippedPart =
  | { kind: 'tag'; tag: string; withContent: boolean }
  | { kind: 'attribute'; tag: string; attribute: string }
  | { kind: 'url'; tag: string; attribute: string; url: string };

/** Only task-list boxes are inputs: a typed-in field (a password prompt) goes, whatever its type says. */
export function isTypedInField(element: Element): boolean {
  return element.tagName === 'input' && element.properties.type !== 'checkbox';
}

/**
 * What the sites drop of one element (its children aside), decided by the sanitizer itself: the
 * element alone is sanitized with the content schema and compared with what went in. Used by
 * `binder check`, so it reports exactly what the build removes.
 */
export function strippedFromElement(element: Element): StrippedPart[] {
  const tag = element.tagName;
  if (isTypedInField(element)) return [{ kind: 'tag', tag, withContent: false }];
  const alone: Element = { type: 'element', tagName: tag, properties: element.properties, children: [] };
  // Out of its context: `<td>` needs a `<table>` ancestor, which a tag on its own has not.
  const kept = sanitize({ type: 'root', children: [alone] }, { ...CONTENT_HTML_SCHEMA, ancestors: {} });
  const result = kept.type === 'root' ? kept.children[0] : undefined;
  if (result?.type !== 'element')
    return [{ kind: 'tag', tag, withContent: (CONTENT_HTML_SCHEMA.strip ?? []).includes(tag) }];
  const space = tag === 'svg' || tag === 'path' ? svg : html;
  const parts: StrippedPart[] = [];
  for (const [property, value] of Object.entries(element.properties)) {
    if (value === undefined || value === null || value === false) continue;
    if (result.properties[property] !== undefined) continue;
    const attribute = find(space, property).attribute;
    parts.push(
      URL_PROPERTIES.has(property)
        ? { kind: 'url', tag, attribute, url: String(value) }
        : { kind: 'attribute', tag, attribute },
    );
  }
  return parts;
}

/** Whether the sites keep a link to `url` (http, https, mailto or relative). */
export function isAllowedUrl(url: string): boolean {
  return (
    strippedFromElement({ type: 'element', tagName: 'a', properties: { href: url }, children: [] }).length ===
    0
  );
}

/** Whether the sites keep an image from `url` (http, https or relative). */
export function isAllowedImageUrl(url: string): boolean {
  return (
    strippedFromElement({ type: 'element', tagName: 'img', properties: { src: url }, children: [] })
      .length === 0
  );
}

/** The MDX nodes (imports, expressions, JSX) that the HTML parser passes through and sanitizing keeps aside. */
const MDX_TYPES = new Set([
  'mdxjsEsm',
  'mdxFlowExpression',
  'mdxTextExpression',
  'mdxJsxFlowElement',
  'mdxJsxTextElement',
]);

const rawParser = unified().use(rehypeRaw, { passThrough: [...MDX_TYPES] });

/**
 * Parses a snippet of raw HTML (one raw HTML node of a Markdown file) into elements, with
 * positions relative to the snippet (line 1, column 1 is its first character).
 */
function parseHtmlSnippet(value: string): Root {
  const parsed = rawParser.runSync({
    type: 'root',
    children: [
      {
        type: 'raw',
        value,
        position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      },
    ],
  } as Root);
  return parsed as Root;
}

/** An MDX JSX element as Sätteri's and remark's trees hold it (`<div>`, `<Aside>`). */
export interface MdxJsxElementLike {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name?: string | null;
  attributes?: readonly { type: string; name?: string; value?: unknown }[];
  children?: unknown[];
}

/** A lowercase JSX name is an HTML element (`<div>`); a capitalised or dotted one is a component. */
export function isHtmlJsxName(name: string | null | undefined): name is string {
  return !!name && /^[a-z][a-z0-9-]*$/.test(name);
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The opening tag an MDX HTML element stands for (`<img src="x" onerror="…">`). Attribute
 * expressions are code, not HTML, and are left out (`binder check` reports them).
 */
export function jsxOpeningTag(node: MdxJsxElementLike): string {
  const attributes = (node.attributes ?? []).flatMap((attribute) => {
    if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) return [];
    if (attribute.value === null || attribute.value === undefined) return [` ${attribute.name}`];
    if (typeof attribute.value !== 'string') return [];
    return [` ${attribute.name}="${escapeAttribute(attribute.value)}"`];
  });
  return `<${node.name ?? 'div'}${attributes.join('')}>`;
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

// A tag name no HTML can produce (it holds a space): stands in for an MDX node while sanitizing.
const MDX_PLACEHOLDER = 'msp-binder mdx';
// Carries an element's `data` (a code block's language and meta) across the HTML parse, which drops it.
const DATA_MARK = 'dataMspBinderNode';

type AnyNode = { type: string; children?: AnyNode[]; [key: string]: unknown };

/** Replaces each MDX HTML element with raw HTML (its tags) around its children, deepest first. */
function mdxHtmlToRaw(parent: AnyNode): boolean {
  if (!parent.children) return false;
  let changed = false;
  const next: AnyNode[] = [];
  for (const child of parent.children) {
    if (mdxHtmlToRaw(child)) changed = true;
    const jsx = child as unknown as MdxJsxElementLike;
    if (
      (child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement') &&
      isHtmlJsxName(jsx.name)
    ) {
      changed = true;
      next.push({ type: 'raw', value: jsxOpeningTag(jsx) }, ...(child.children ?? []));
      if (!VOID_ELEMENTS.has(jsx.name)) next.push({ type: 'raw', value: `</${jsx.name}>` });
    } else next.push(child);
  }
  parent.children = next;
  return changed;
}

function hasRaw(node: AnyNode): boolean {
  return node.type === 'raw' || (node.children ?? []).some(hasRaw);
}

/**
 * A plain, mutable copy of a tree. The Markdown engine hands plugins frozen nodes with private
 * bookkeeping (`_`-prefixed fields) and methods, which the HTML parser cannot clone.
 */
function copyTree(node: AnyNode): AnyNode {
  const copy: AnyNode = { type: node.type };
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('_') || typeof value === 'function') continue;
    if (key === 'children' && Array.isArray(value)) copy.children = value.map((child) => copyTree(child));
    else if (key === 'properties' && value && typeof value === 'object') copy.properties = { ...value };
    else if (key === 'attributes' && Array.isArray(value))
      copy.attributes = value.map((item) => ({ ...item }));
    else copy[key] = value;
  }
  return copy;
}

/** Walks every element (and MDX node) of a tree, parents first. */
function walk(node: AnyNode, visit: (node: AnyNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/**
 * Sanitizes one page's tree (Markdown or MDX, after the Markdown engine, before the site's other
 * plugins) with `CONTENT_HTML_SCHEMA`. Raw HTML is parsed into elements first (so `<a href>` in
 * raw HTML is an element the link plugin can resolve), HTML comments go (`<!-- staff only -->`),
 * MDX components, imports and expressions are kept (`binder check` limits them; a component's
 * `href`/`src` must be an allowed URL), and ids are prefixed once with `user-content-` as GitHub
 * does, so content cannot clobber the page's own ids.
 */
export function sanitizeContentTree(input: Root): Root {
  let tree = copyTree(input as unknown as AnyNode);
  // 1. MDX HTML elements (`<div>` in .mdx) become the raw HTML they stand for.
  const hadJsxHtml = mdxHtmlToRaw(tree);
  // 2. Raw HTML becomes elements, keeping the elements' data (a code block's meta) across the parse.
  if (hadJsxHtml || hasRaw(tree)) {
    const kept: unknown[] = [];
    walk(tree, (node) => {
      if (node.type === 'element' && node.data !== undefined) {
        (node.properties as Properties)[DATA_MARK] = kept.length;
        kept.push(node.data);
      }
    });
    tree = rawParser.runSync(tree as unknown as Root) as unknown as AnyNode;
    walk(tree, (node) => {
      const properties = node.properties as Properties | undefined;
      if (node.type !== 'element' || properties?.[DATA_MARK] === undefined) return;
      const data = kept[Number(properties[DATA_MARK])];
      delete properties[DATA_MARK];
      if (data !== undefined) node.data = data;
    });
  }
  // 3. MDX nodes stand aside as placeholders the sanitizer keeps; typed-in fields go; ids lose
  //    a `user-content-` prefix they already have (the sanitizer adds it back, once).
  const mdxNodes: AnyNode[] = [];
  const prepare = (parent: AnyNode) => {
    if (!parent.children) return;
    parent.children = parent.children.flatMap((child) => {
      if (child.type === 'element' && isTypedInField(child as unknown as Element)) return [];
      if (child.type === 'element') unprefixIds(child.properties as Properties);
      prepare(child);
      if (!MDX_TYPES.has(child.type)) return [child];
      mdxNodes.push(child);
      return [
        {
          type: 'element',
          tagName: MDX_PLACEHOLDER,
          properties: { dataMdxNode: mdxNodes.length - 1 },
          children: child.children ?? [],
        },
      ];
    });
  };
  prepare(tree);
  const schema: Schema = {
    ...CONTENT_HTML_SCHEMA,
    tagNames: [...(CONTENT_HTML_SCHEMA.tagNames ?? []), MDX_PLACEHOLDER],
    attributes: { ...CONTENT_HTML_SCHEMA.attributes, [MDX_PLACEHOLDER]: ['dataMdxNode'] },
  };
  const safe = sanitize(tree as unknown as Nodes, schema) as unknown as AnyNode;
  // 4. The MDX nodes come back, with sanitized children and only allowed URLs.
  const restore = (parent: AnyNode) => {
    if (!parent.children) return;
    parent.children = parent.children.map((child) => {
      restore(child);
      if (child.type !== 'element' || child.tagName !== MDX_PLACEHOLDER) return child;
      const original = mdxNodes[Number((child.properties as Properties).dataMdxNode)];
      if (!original) return { type: 'text', value: '' };
      const node: AnyNode = { ...original };
      if (original.children) node.children = child.children ?? [];
      if (Array.isArray(original.attributes))
        node.attributes = (original.attributes as MdxJsxElementLike['attributes'] & unknown[]).filter(
          (attribute) => !isDroppedComponentUrl(attribute),
        );
      return node;
    });
  };
  restore(safe);
  return safe as unknown as Root;
}

const CLOBBERED = ['id', 'name', 'ariaDescribedBy', 'ariaLabelledBy'];
const PREFIX = defaultSchema.clobberPrefix ?? 'user-content-';

/**
 * Removes a `user-content-` prefix the Markdown engine already gave (footnotes' ids), so the
 * sanitizer's own prefix is not doubled and `#user-content-fn-1` still finds its footnote.
 */
function unprefixIds(properties: Properties): void {
  for (const key of CLOBBERED) {
    const value = properties[key];
    if (typeof value === 'string' && value.startsWith(PREFIX)) properties[key] = value.slice(PREFIX.length);
    else if (Array.isArray(value))
      properties[key] = value.map((item) =>
        typeof item === 'string' && item.startsWith(PREFIX) ? item.slice(PREFIX.length) : item,
      );
  }
}

/**
 * The elements of one raw HTML node of a Markdown body (`<a href="./x.md">`), each with its line
 * and column in the body, given where the node starts.
 */
export function rawHtmlElements(
  value: string,
  start: { line: number; column: number },
): { element: Element; line: number; column: number }[] {
  return elementsOf(parseHtmlSnippet(value)).map(({ element, line, column }) => ({
    element,
    line: start.line + line - 1,
    column: line === 1 ? start.column + column - 1 : column,
  }));
}

/** The elements of a parsed snippet, with each element's start, depth first. */
function elementsOf(tree: Root | Element): { element: Element; line: number; column: number }[] {
  const found: { element: Element; line: number; column: number }[] = [];
  const visit = (node: RootContent | ElementContent | Root | Element) => {
    if (node.type === 'element') {
      found.push({
        element: node,
        line: node.position?.start.line ?? 1,
        column: node.position?.start.column ?? 1,
      });
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return found;
}
