/**
 * One delegated click handler for every DiagramToolbar on the page. Everything is read from
 * the diagram at click time, so the link, embed code and files always match the current view.
 */
import { embedSnippet, embedUrl, linkUrl } from '../diagrams/kit/share';
import { serializeSvg } from './svg-export';

const STATUS_MS = 4000;
/** Starting iframe height when the diagram cannot be measured (CSS px). */
const DEFAULT_HEIGHT = 640;
/** Room the embed page adds around the diagram: its heading and padding (CSS px). */
const EMBED_CHROME = 96;
const timers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

function base(): string {
  return import.meta.env.BASE_URL ?? '/';
}

function say(toolbar: Element, message: string) {
  const status = toolbar.querySelector('[data-toolbar-status]');
  if (!status) return;
  status.textContent = message;
  clearTimeout(timers.get(status));
  timers.set(
    status,
    setTimeout(() => (status.textContent = ''), STATUS_MS),
  );
}

/** Clipboard API first; then the legacy copy command; then a selected text box to copy by hand. */
async function copy(toolbar: Element, text: string, what: string) {
  const fallback = toolbar.querySelector<HTMLElement>('[data-toolbar-fallback]');
  if (fallback) fallback.hidden = true;
  try {
    await navigator.clipboard.writeText(text);
    say(toolbar, `${what} copied.`);
    return;
  } catch {
    // Denied (no permission, unfocused document, insecure context): try the older route below.
  }
  const area = fallback?.querySelector('textarea');
  if (!fallback || !area) return;
  area.value = text;
  fallback.hidden = false;
  area.focus();
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  if (ok) {
    fallback.hidden = true;
    say(toolbar, `${what} copied.`);
  } else {
    say(toolbar, `Copying was blocked: the ${what.toLowerCase()} is selected below; press Ctrl+C or ⌘C.`);
  }
}

function download(name: string, type: string, body: string | Blob) {
  const url = URL.createObjectURL(body instanceof Blob ? body : new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function act(button: HTMLButtonElement) {
  const toolbar = button.closest('.gb-toolbar');
  const diagram = button.closest<HTMLElement>('[data-diagram]');
  if (!toolbar || !diagram) return;
  // Everything comes from the diagram's root, so pages do not ship the registry for the toolbar.
  const id = diagram.dataset.diagram ?? '';
  const entry = { title: diagram.dataset.title ?? 'Diagram', chapter: diagram.dataset.chapter ?? '/' };
  // The full state and the model (`model=<id>@<version>`): a link stays true when defaults change.
  const query = diagram.dataset.link ?? diagram.dataset.state ?? '';
  const origin = location.origin;
  switch (button.dataset.action) {
    case 'copy-link':
      await copy(toolbar, linkUrl(origin, base(), entry.chapter, query), 'Link');
      break;
    case 'copy-embed': {
      const measured = Math.ceil(diagram.getBoundingClientRect().height);
      const height = measured > 0 ? measured + EMBED_CHROME : DEFAULT_HEIGHT;
      const src = embedUrl(origin, base(), id, query);
      await copy(toolbar, embedSnippet({ src, origin, title: `${entry.title} · Glassbox`, height }), 'Embed code');
      break;
    }
    case 'download-data': {
      const json = diagram.querySelector('[data-export="json"]')?.textContent ?? '';
      const pretty = JSON.stringify(JSON.parse(json || 'null'), null, 2);
      download(`glassbox-${id}.json`, 'application/json', pretty + '\n');
      say(toolbar, `Data downloaded as glassbox-${id}.json.`);
      break;
    }
    case 'download-image': {
      // 3D views export their canvas as PNG (DESIGN.md §3); it keeps its drawing buffer for this.
      const canvas = diagram.querySelector<HTMLCanvasElement>('canvas[data-export="png"]');
      if (canvas) {
        const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
        if (!png) {
          say(toolbar, 'This diagram has no image to download yet.');
          break;
        }
        download(`glassbox-${id}.png`, 'image/png', png);
        say(toolbar, `Image downloaded as glassbox-${id}.png.`);
        break;
      }
      const svg = diagram.querySelector<SVGSVGElement>('svg[data-export="svg"]');
      if (!svg) {
        say(toolbar, 'This diagram has no image to download yet.');
        break;
      }
      const meta = {
        title: `${entry.title} · Glassbox`,
        description: `${linkUrl(origin, base(), entry.chapter, query)} (${diagram.dataset.source ?? 'example'} data)`,
      };
      download(`glassbox-${id}.svg`, 'image/svg+xml', serializeSvg(svg, meta));
      say(toolbar, `Image downloaded as glassbox-${id}.svg.`);
      break;
    }
  }
}

let installed = false;

export function installToolbar() {
  if (installed) return;
  installed = true;
  document.addEventListener('click', (ev) => {
    const target = ev.target instanceof Element ? ev.target : null;
    const button = target?.closest<HTMLButtonElement>('.gb-toolbar button[data-action]');
    if (button) void act(button);
  });
}
