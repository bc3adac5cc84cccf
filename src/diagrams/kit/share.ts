/**
 * Links and embed code for a diagram in a given state. Pure, so the exact strings readers
 * paste into a course page are unit-tested.
 *
 * Embed height protocol: an embed page posts
 *   { type: 'glassbox:height', id: '<diagram-id>', height: <CSS px, integer> }
 * to `window.parent` whenever its content height changes (and once on load). A host sizes the
 * iframe whose `contentWindow` is the message's `source`; the snippet below does exactly that.
 */

export interface HeightMessage {
  type: 'glassbox:height';
  id: string;
  height: number;
}

export function isHeightMessage(data: unknown): data is HeightMessage {
  const d = data as HeightMessage | null;
  return !!d && d.type === 'glassbox:height' && typeof d.id === 'string' && Number.isFinite(d.height);
}

/** `base` is Astro's BASE_URL ("/" or "/sub/"); `path` is a site route such as "/" or "/attention/". */
function sitePath(base: string, path: string): string {
  return base.replace(/\/?$/, '/') + path.replace(/^\//, '');
}

export function withQuery(url: string, query: string): string {
  return query ? `${url}?${query}` : url;
}

/** The chapter page that hosts the diagram, in this state. */
export function linkUrl(origin: string, base: string, chapter: string, query: string): string {
  return withQuery(origin + sitePath(base, chapter), query);
}

export function embedUrl(origin: string, base: string, id: string, query: string): string {
  return withQuery(origin + sitePath(base, `/embed/${id}/`), query);
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface SnippetOptions {
  src: string;
  /** Site origin the height messages come from, e.g. "https://glassbox.example". */
  origin: string;
  title: string;
  /** Starting height in CSS px, before the first message arrives. */
  height: number;
}

/** An iframe plus an optional resize script; hosts that strip scripts still get a fixed-height frame. */
export function embedSnippet({ src, origin, title, height }: SnippetOptions): string {
  const iframe =
    `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${Math.round(height)}" ` +
    `style="border:0;max-width:100%" loading="lazy"></iframe>`;
  const script =
    `<script>/* Glassbox embeds post {type:"glassbox:height",id,height} to this page; this fits the iframe to it. */` +
    `addEventListener("message",function(e){var d=e.data;` +
    `if(e.origin!==${JSON.stringify(origin)}||!d||d.type!=="glassbox:height"||!(d.height>0))return;` +
    `var f=document.getElementsByTagName("iframe");for(var i=0;i<f.length;i++)` +
    `if(f[i].contentWindow===e.source)f[i].style.height=Math.ceil(d.height)+"px"});</script>`;
  return `${iframe}\n${script}`;
}
