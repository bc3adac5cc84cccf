import { renderInline, renderMarkdown } from '../../../src/lib/markdown';

describe('renderMarkdown', () => {
  it('escapes raw HTML everywhere, including model-written sample text', () => {
    const html = renderMarkdown('- **Prompt** <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n# A <b>title</b>');
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<h1 id="a-b-title-b">A &lt;b&gt;title&lt;/b&gt;</h1>');
  });

  it('keeps only links the resolver accepts', () => {
    expect(renderInline('[x](javascript:alert%281%29)')).toBe('x');
    // Parentheses inside a URL are not supported: the text stays inert rather than becoming a link.
    expect(renderInline('[x](javascript:alert(1))')).not.toContain('<a');
    expect(renderInline('[x](../README.md)')).toBe('x');
    expect(renderInline('[x](https://example.com/a_b_c)')).toBe('<a href="https://example.com/a_b_c">x</a>');
    expect(renderInline('<https://example.com/a_b_>')).toBe('<a href="https://example.com/a_b_">https://example.com/a_b_</a>');
    const html = renderMarkdown('[log](training-log.json)', { resolveLink: (h) => (h.endsWith('.json') ? `/models/m/${h}` : null) });
    expect(html).toBe('<p><a href="/models/m/training-log.json">log</a></p>');
  });

  it('renders emphasis and code without parsing inside code spans', () => {
    expect(renderInline('**bold** *em* _em_ snake_case_name ~~gone~~ `**not** <b>`')).toBe(
      '<strong>bold</strong> <em>em</em> <em>em</em> snake_case_name <del>gone</del> <code>**not** &lt;b&gt;</code>',
    );
    expect(renderInline('2*3 and 4*5')).toBe('2<em>3 and 4</em>5');
    expect(renderInline('\\*literal\\*')).toBe('*literal*');
  });

  it('shifts heading levels and makes unique, prefixed ids', () => {
    const html = renderMarkdown('# Card\n## Data\n## Data', { headingOffset: 1, idPrefix: 'card-' });
    expect(html).toBe('<h2 id="card-card">Card</h2>\n<h3 id="card-data">Data</h3>\n<h3 id="card-data-1">Data</h3>');
  });

  it('joins hard-wrapped list items and nests indented lists', () => {
    const html = renderMarkdown('- **A** first line\n  continues here\n- B\n  1. one\n  2. two\n\nAfter.');
    expect(html).toBe(
      '<ul>\n<li><strong>A</strong> first line\ncontinues here</li>\n<li>B\n<ol>\n<li>one</li>\n<li>two</li>\n</ol></li>\n</ul>\n<p>After.</p>',
    );
  });

  it('renders a key/value table with row headers, and keeps code-span pipes in one cell', () => {
    const html = renderMarkdown('| | |\n|---|---|\n| Vocabulary | 8,192 (`<|endoftext|>` = 8191) |');
    expect(html).toContain('<tr><th scope="row">Vocabulary</th><td>8,192 (<code>&lt;|endoftext|&gt;</code> = 8191)</td></tr>');
    expect(html).not.toContain('<thead>');
  });

  it('renders a table with a header row and alignment', () => {
    const html = renderMarkdown('| a | b |\n|:-:|--:|\n| 1 | 2 |\n| 3 |');
    expect(html).toContain('<thead><tr><th scope="col" style="text-align:center">a</th><th scope="col" style="text-align:right">b</th></tr></thead>');
    expect(html).toContain('<tr><td style="text-align:center">3</td><td style="text-align:right"></td></tr>');
  });

  it('escapes fenced code and keeps its text verbatim', () => {
    expect(renderMarkdown('```js\nconst a = "<b>";\n\n*x*\n```')).toBe('<pre><code class="language-js">const a = &quot;&lt;b&gt;&quot;;\n\n*x*</code></pre>');
  });
});
