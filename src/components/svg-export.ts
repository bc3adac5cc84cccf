/**
 * Serialize a live SVG into a standalone file: computed styles are inlined (the page's CSS and
 * custom properties do not travel with a downloaded file) and a background rect is added so a
 * dark-theme export stays legible in any viewer.
 */

const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'white-space',
  'visibility',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

function background(el: Element): string {
  const win = el.ownerDocument.defaultView;
  for (let n: Element | null = el; n && win; n = n.parentElement) {
    const bg = win.getComputedStyle(n).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

export function serializeSvg(svg: SVGSVGElement, meta: { title: string; description: string }): string {
  const doc = svg.ownerDocument;
  const win = doc.defaultView;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  if (win) {
    originals.forEach((el, i) => {
      const cs = win.getComputedStyle(el);
      const style = PROPS.map((p) => [p, cs.getPropertyValue(p)] as const)
        .filter(([, v]) => v !== '')
        .map(([p, v]) => `${p}:${v}`)
        .join(';');
      if (style) copies[i].setAttribute('style', style);
    });
  }
  clone.setAttribute('xmlns', SVG_NS);
  clone.removeAttribute('aria-hidden');
  clone.setAttribute('color', win ? win.getComputedStyle(svg).color : '#000000');
  const title = doc.createElementNS(SVG_NS, 'title');
  title.textContent = meta.title;
  const desc = doc.createElementNS(SVG_NS, 'desc');
  desc.textContent = meta.description;
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background(svg));
  clone.prepend(title, desc, bg);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}
