import { describe, expect, it } from 'vitest';
import { embedSnippet, embedUrl, isHeightMessage, linkUrl, withQuery } from '../../../src/diagrams/kit/share';

describe('share links', () => {
  it('builds chapter links and embed URLs with the state query', () => {
    expect(linkUrl('https://gb.example', '/', '/', 'text=Once%20upon%20a')).toBe('https://gb.example/?text=Once%20upon%20a');
    expect(linkUrl('https://gb.example', '/sub/', '/attention/', '')).toBe('https://gb.example/sub/attention/');
    expect(linkUrl('https://gb.example', '/sub', '/attention/', 'layer=2')).toBe('https://gb.example/sub/attention/?layer=2');
    expect(embedUrl('https://gb.example', '/', 'next-token', 'text=a')).toBe('https://gb.example/embed/next-token/?text=a');
    expect(withQuery('/x/', '')).toBe('/x/');
  });

  it('writes an iframe with an escaped title and a resize script that checks the origin', () => {
    const code = embedSnippet({
      src: 'https://gb.example/embed/next-token/?text=a&b',
      origin: 'https://gb.example',
      title: 'Next-token "guesses" <i>',
      height: 612.4,
    });
    const [iframe, script] = code.split('\n');
    expect(iframe).toBe(
      '<iframe src="https://gb.example/embed/next-token/?text=a&amp;b" title="Next-token &quot;guesses&quot; &lt;i&gt;" ' +
        'width="100%" height="612" style="border:0;max-width:100%" loading="lazy"></iframe>',
    );
    expect(script).toMatch(/^<script>.*<\/script>$/);
    expect(script).toContain('e.origin!=="https://gb.example"');
    expect(script).toContain('contentWindow===e.source');
  });

  it('recognises height messages only', () => {
    expect(isHeightMessage({ type: 'glassbox:height', id: 'next-token', height: 500 })).toBe(true);
    expect(isHeightMessage({ type: 'glassbox:height', id: 'next-token', height: NaN })).toBe(false);
    expect(isHeightMessage({ type: 'other', id: 'x', height: 1 })).toBe(false);
    expect(isHeightMessage(null)).toBe(false);
    expect(isHeightMessage('glassbox:height')).toBe(false);
  });
});
