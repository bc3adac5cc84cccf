/**
 * A small, safe Markdown renderer for build-time use on files we generate ourselves
 * (the model card). Astro 7's Markdown pipeline is not importable as a package here, and
 * the card contains sample text written by the model, so this renderer never passes raw
 * HTML through: every character of the source is escaped, and links are kept only when
 * `resolveLink` accepts them.
 *
 * Supported: ATX headings, paragraphs, hard breaks (two trailing spaces), `-`/`*`/`+` and
 * numbered lists (nested by indentation), GFM pipe tables, fenced code, blockquotes,
 * thematic breaks, and inline code, **strong**, *em* or _em_, ~~del~~, [links](url) and
 * <https://autolinks>.
 *
 * One deliberate difference from GFM: a `|` inside a `code span` does not split a table
 * cell, because the model card writes `<|endoftext|>` in a table.
 */

export interface MarkdownOptions {
  /** Added to every heading level (clamped to h6), so a card's `#` can become an h2. */
  headingOffset?: number;
  /** Prefix for generated heading ids, to avoid clashing with ids on the page. */
  idPrefix?: string;
  /** Returns the href to use, or null to render the link text alone. Default: http(s) and #fragments only. */
  resolveLink?: (href: string) => string | null;
}

interface Context {
  headingOffset: number;
  idPrefix: string;
  resolveLink: (href: string) => string | null;
  ids: Map<string, number>;
  tables: number;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

export function defaultResolveLink(href: string): string | null {
  return /^(https?:\/\/|#)/i.test(href) ? href : null;
}

export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  const ctx: Context = {
    headingOffset: Math.max(0, Math.min(5, options.headingOffset ?? 0)),
    idPrefix: options.idPrefix ?? '',
    resolveLink: options.resolveLink ?? defaultResolveLink,
    ids: new Map(),
    tables: 0,
  };
  // NUL is reserved for inline placeholders; CommonMark replaces it with U+FFFD too.
  const lines = source.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD').replace(/\t/g, '    ').split('\n');
  return renderBlocks(lines, ctx, false);
}

const RE = {
  blank: /^\s*$/,
  heading: /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/,
  fence: /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/,
  hr: /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/,
  quote: /^ {0,3}> ?/,
  bullet: /^( {0,3})([-*+])( +|$)/,
  ordered: /^( {0,3})(\d{1,9})([.)])( +|$)/,
  tableDelimiter: /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/,
};

function startsBlock(line: string): boolean {
  return RE.heading.test(line) || RE.fence.test(line) || RE.hr.test(line) || RE.quote.test(line) || RE.bullet.test(line) || RE.ordered.test(line);
}

/** `tight` renders paragraphs without <p>, for the items of a list with no blank lines. */
function renderBlocks(lines: string[], ctx: Context, tight: boolean): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (RE.blank.test(line)) {
      i++;
      continue;
    }

    const fence = RE.fence.exec(line);
    if (fence) {
      const marker = fence[1];
      const body: string[] = [];
      i++;
      while (i < lines.length && !new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`).test(lines[i])) body.push(lines[i++]);
      i++;
      const lang = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : '';
      out.push(`<pre><code${lang}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }

    const heading = RE.heading.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1].length + ctx.headingOffset);
      const inner = renderInline(heading[2] ?? '', ctx);
      out.push(`<h${level} id="${headingId(inner, ctx)}">${inner}</h${level}>`);
      i++;
      continue;
    }

    if (RE.hr.test(line)) {
      out.push('<hr>');
      i++;
      continue;
    }

    if (RE.quote.test(line)) {
      const body: string[] = [];
      while (i < lines.length && !RE.blank.test(lines[i])) body.push(lines[i++].replace(RE.quote, ''));
      out.push(`<blockquote>${renderBlocks(body, ctx, false)}</blockquote>`);
      continue;
    }

    if (RE.bullet.test(line) || RE.ordered.test(line)) {
      i = renderList(lines, i, ctx, out);
      continue;
    }

    if (line.includes('|') && i + 1 < lines.length && RE.tableDelimiter.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      i = renderTable(lines, i, ctx, out);
      continue;
    }

    const para: string[] = [];
    while (i < lines.length && !RE.blank.test(lines[i]) && (para.length === 0 || !startsBlock(lines[i]))) para.push(lines[i++]);
    const text = para
      .map((l, k) => {
        const last = k === para.length - 1;
        const hardBreak = !last && / {2,}$/.test(l);
        return renderInline(l.trim(), ctx) + (hardBreak ? '<br>' : '');
      })
      .join('\n');
    out.push(tight ? text : `<p>${text}</p>`);
  }
  return out.join('\n');
}

/** Parses one list starting at `start`; returns the index of the first line after it. */
function renderList(lines: string[], start: number, ctx: Context, out: string[]): number {
  const ordered = RE.ordered.test(lines[start]);
  const marker = (l: string) => (ordered ? RE.ordered.exec(l) : RE.bullet.exec(l));
  const first = marker(lines[start])!;
  const startNumber = ordered ? Number(first[2]) : 1;
  const items: string[][] = [];
  let loose = false;
  let i = start;
  while (i < lines.length) {
    const m = marker(lines[i]);
    if (!m) break;
    // Content starts after the marker; continuation lines must be indented at least this far.
    const indent = m[0].length || m[1].length + 2;
    const item = [lines[i].slice(m[0].length)];
    i++;
    let blankRun = false;
    while (i < lines.length) {
      const l = lines[i];
      if (RE.blank.test(l)) {
        blankRun = true;
        item.push('');
        i++;
        continue;
      }
      const leading = l.length - l.trimStart().length;
      if (leading >= indent) {
        item.push(l.slice(indent));
      } else if (!blankRun && !startsBlock(l) && !(l.includes('|') && RE.tableDelimiter.test(lines[i + 1] ?? ''))) {
        // Lazy continuation of the item's paragraph (e.g. a hard-wrapped line).
        item.push(l.trim());
      } else {
        break;
      }
      if (blankRun) loose = true;
      blankRun = false;
      i++;
    }
    while (item.length && item[item.length - 1] === '') item.pop();
    items.push(item);
    if (blankRun && marker(lines[i] ?? '')) loose = true;
    if (i < lines.length && !marker(lines[i])) break;
  }
  const tag = ordered ? 'ol' : 'ul';
  const startAttr = ordered && startNumber !== 1 ? ` start="${startNumber}"` : '';
  out.push(`<${tag}${startAttr}>\n${items.map((it) => `<li>${renderBlocks(it, ctx, !loose)}</li>`).join('\n')}\n</${tag}>`);
  return i;
}

/** Splits a table row on `|`, except escaped pipes and pipes inside code spans. */
function splitRow(row: string): string[] {
  let s = row.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  let tick = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '\\' && s[k + 1] === '|') {
      cell += '|';
      k++;
    } else if (c === '`') {
      let run = 1;
      while (s[k + run] === '`') run++;
      if (tick === 0) tick = run;
      else if (tick === run) tick = 0;
      cell += '`'.repeat(run);
      k += run - 1;
    } else if (c === '|' && tick === 0) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function renderTable(lines: string[], start: number, ctx: Context, out: string[]): number {
  const header = splitRow(lines[start]);
  const align = splitRow(lines[start + 1]).map((d) => (d.startsWith(':') && d.endsWith(':') ? 'center' : d.endsWith(':') ? 'right' : null));
  const n = header.length;
  let i = start + 2;
  const rows: string[][] = [];
  while (i < lines.length && !RE.blank.test(lines[i]) && lines[i].includes('|')) rows.push(splitRow(lines[i++]));
  const style = (c: number) => (align[c] ? ` style="text-align:${align[c]}"` : '');
  // A card's key/value table has an empty header row; its first column then labels each row.
  const keyValue = header.every((h) => h === '');
  const cell = (text: string, c: number) => {
    const inner = renderInline(text, ctx);
    return keyValue && c === 0 ? `<th scope="row"${style(c)}>${inner}</th>` : `<td${style(c)}>${inner}</td>`;
  };
  const thead = keyValue ? '' : `<thead><tr>${header.map((h, c) => `<th scope="col"${style(c)}>${renderInline(h, ctx)}</th>`).join('')}</tr></thead>`;
  const tbody = rows.map((r) => `<tr>${Array.from({ length: n }, (_, c) => cell(r[c] ?? '', c)).join('')}</tr>`).join('\n');
  ctx.tables++;
  // Focusable and named, so a keyboard user can scroll a table that is wider than a phone.
  out.push(`<div class="table-scroll" tabindex="0" role="region" aria-label="Table ${ctx.tables}"><table>${thead}<tbody>\n${tbody}\n</tbody></table></div>`);
  return i;
}

function headingId(html: string, ctx: Context): string {
  const base =
    ctx.idPrefix +
    (unescapeHtml(html.replace(/<[^>]+>/g, ''))
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'section');
  const seen = ctx.ids.get(base) ?? 0;
  ctx.ids.set(base, seen + 1);
  return escapeHtml(seen ? `${base}-${seen}` : base);
}

/** Inline spans. Code spans and escapes become NUL-delimited placeholders first, so nothing inside them is parsed. */
export function renderInline(text: string, ctx: Pick<Context, 'resolveLink'> = { resolveLink: defaultResolveLink }): string {
  const held: string[] = [];
  const hold = (html: string) => `\0${held.push(html) - 1}\0`;
  let s = text.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => {
    const trimmed = /^ .* $/.test(code) && code.trim() ? code.slice(1, -1) : code;
    return hold(`<code>${escapeHtml(trimmed)}</code>`);
  });
  s = s.replace(/\\([!-/:-@[-`{-~])/g, (_, c: string) => hold(escapeHtml(c)));
  s = escapeHtml(s);
  // Link tags are held too, so emphasis rules never rewrite an `_` or `*` inside a URL.
  const link = (labelHtml: string, href: string) => {
    const resolved = ctx.resolveLink(unescapeHtml(href));
    return resolved === null ? labelHtml : `${hold(`<a href="${escapeHtml(resolved)}">`)}${labelHtml}${hold('</a>')}`;
  };
  s = s.replace(/&lt;(https?:\/\/[^\s&]+?)&gt;/g, (_, url: string) => link(hold(url), url));
  s = s.replace(/\[([^\]\0]*(?:\0\d+\0[^\]\0]*)*)\]\(([^()\s]+)(?:\s+&quot;[^&]*&quot;)?\)/g, (_, label: string, href: string) => link(label, href));
  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^\p{L}\p{N}_])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}_])/gu, '$1<strong>$2</strong>');
  s = s.replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '<em>$1</em>');
  s = s.replace(/(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])/gu, '$1<em>$2</em>');
  s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<del>$1</del>');
  return s.replace(/\0(\d+)\0/g, (_, k: string) => held[Number(k)]);
}
