/**
 * The export slots of a diagram (DESIGN.md §3, export): "Download data" reads the
 * `<script type="application/json" data-export="json">` element, "Download image" the
 * `svg[data-export="svg"]` chart or, for 3D views, the `canvas[data-export="png"]`.
 * The JSON slot always holds `{ state, …the numbers shown }`.
 */

export class JsonSlot {
  constructor(private readonly el: HTMLElement) {}

  /** What the build (or the last write) left in the slot. */
  read<T>(): T {
    return JSON.parse(this.el.textContent || 'null') as T;
  }

  /** `state` first, then the rest of `body` (a `state` key in it is replaced). */
  write(state: object, body: object): void {
    this.el.textContent = JSON.stringify({ ...body, state }, keyOrder);
  }

  /** As write, for a body already serialised (large exports cache it): `{…}` JSON text. */
  writeRaw(state: object, bodyJson: string): void {
    const rest = bodyJson.length > 2 ? ',' + bodyJson.slice(1) : '}';
    this.el.textContent = `{"state":${JSON.stringify(state)}${rest}`;
  }
}

/** JSON.stringify replacer that puts `state` first at the top level, so exports read state-first. */
function keyOrder(this: unknown, key: string, value: unknown): unknown {
  if (key !== '' || !value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { state, ...rest } = value as Record<string, unknown>;
  return { state, ...rest };
}

/** Mark `svg` as this diagram's image for "Download image". */
export function markSvgExport(svg: SVGSVGElement): void {
  svg.setAttribute('data-export', 'svg');
}

/** Mark a 3D view's canvas as this diagram's image; it must keep its drawing buffer. */
export function markPngExport(canvas: HTMLCanvasElement): void {
  canvas.setAttribute('data-export', 'png');
}
