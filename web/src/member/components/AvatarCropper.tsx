/**
 * The square crop of a new avatar: the picture is drawn on a canvas that the member drags (mouse,
 * finger or arrow keys) and zooms (slider, wheel, pinch or +/-); the round guide shows how the
 * avatar will look. The chosen square is re-encoded as a 512 × 512 JPEG, which also drops the
 * photo's metadata (EXIF location, camera) before anything is uploaded.
 */
import { type KeyboardEvent, type PointerEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';

/** The crop square on screen, in CSS pixels (fits a 375 px phone with the page's margins). */
const VIEW = 280;
const OUTPUT = 512;
const MAX_ZOOM = 4;

export type Picture = ImageBitmap | HTMLImageElement;

/** Decodes the file the browser was given; rejects when it is not a picture the browser can read. */
export async function decodePicture(file: Blob): Promise<Picture> {
  if (typeof createImageBitmap === 'function') return createImageBitmap(file);
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

const sizeOf = (p: Picture) => ({ w: p.width, h: p.height });

interface View {
  zoom: number;
  x: number;
  y: number;
}

interface Props {
  picture: Picture;
  busy: boolean;
  onCancel(): void;
  onDone(blob: Blob): void;
}

export function AvatarCropper({ picture, busy, onCancel, onDone }: Props) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const { w, h } = sizeOf(picture);
  const cover = VIEW / Math.min(w, h);
  const [view, setView] = useState<View>(() => ({
    zoom: 1,
    x: (VIEW - w * cover) / 2,
    y: (VIEW - h * cover) / 2,
  }));
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number; zoom: number } | null>(null);

  /** Keeps the picture covering the whole square. */
  const clamp = useCallback(
    (v: View): View => {
      const zoom = Math.min(MAX_ZOOM, Math.max(1, v.zoom));
      const s = cover * zoom;
      return {
        zoom,
        x: Math.min(0, Math.max(VIEW - w * s, v.x)),
        y: Math.min(0, Math.max(VIEW - h * s, v.y)),
      };
    },
    [cover, w, h],
  );

  /** Zooms around the centre of the square, so what is in the middle stays there. */
  const zoomTo = useCallback(
    (zoom: number) =>
      setView((v) => {
        const next = Math.min(MAX_ZOOM, Math.max(1, zoom));
        const k = next / v.zoom;
        const c = VIEW / 2;
        return clamp({ zoom: next, x: c - (c - v.x) * k, y: c - (c - v.y) * k });
      }),
    [clamp],
  );

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = VIEW * dpr;
    el.height = VIEW * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, VIEW, VIEW);
    const s = cover * view.zoom;
    ctx.drawImage(picture, view.x, view.y, w * s, h * s);
    // The round guide: the corners outside the circle are dimmed.
    ctx.beginPath();
    ctx.rect(0, 0, VIEW, VIEW);
    ctx.arc(VIEW / 2, VIEW / 2, VIEW / 2 - 1, 0, Math.PI * 2, true);
    ctx.fillStyle = 'rgb(0 0 0 / 45%)';
    ctx.fill('evenodd');
    ctx.beginPath();
    ctx.arc(VIEW / 2, VIEW / 2, VIEW / 2 - 1, 0, Math.PI * 2);
    ctx.strokeStyle = 'rgb(255 255 255 / 85%)';
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }, [picture, view, cover, w, h]);

  // Wheel zoom needs a listener that may cancel the page's scroll (React's is passive).
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      setView((v) => {
        const next = Math.min(MAX_ZOOM, Math.max(1, v.zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1)));
        const k = next / v.zoom;
        const c = VIEW / 2;
        return clamp({ zoom: next, x: c - (c - v.x) * k, y: c - (c - v.y) * k });
      });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [clamp]);

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      pinch.current = { distance: Math.hypot(a.x - b.x, a.y - b.y), zoom: view.zoom };
    }
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const last = pointers.current.get(e.pointerId);
    if (!last) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 2 && pinch.current) {
      const [a, b] = [...pointers.current.values()];
      zoomTo((pinch.current.zoom * Math.hypot(a.x - b.x, a.y - b.y)) / pinch.current.distance);
      return;
    }
    // On screen the canvas may be smaller than VIEW (narrow phones): move by what the finger moved.
    const k = VIEW / e.currentTarget.getBoundingClientRect().width;
    const dx = (e.clientX - last.x) * k;
    const dy = (e.clientY - last.y) * k;
    setView((v) => clamp({ ...v, x: v.x + dx, y: v.y + dy }));
  };

  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const step = 10;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    if (moves[e.key]) {
      e.preventDefault();
      const [dx, dy] = moves[e.key];
      setView((v) => clamp({ ...v, x: v.x + dx, y: v.y + dy }));
    } else if (e.key === '+' || e.key === '=') zoomTo(view.zoom * 1.1);
    else if (e.key === '-') zoomTo(view.zoom / 1.1);
  };

  const crop = () => {
    const out = document.createElement('canvas');
    out.width = OUTPUT;
    out.height = OUTPUT;
    const ctx = out.getContext('2d');
    if (!ctx) return;
    const k = OUTPUT / VIEW;
    const s = cover * view.zoom * k;
    ctx.fillStyle = '#fff'; // transparent PNGs become white, not black, in a JPEG
    ctx.fillRect(0, 0, OUTPUT, OUTPUT);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(picture, view.x * k, view.y * k, w * s, h * s);
    out.toBlob((blob) => blob && onDone(blob), 'image/jpeg', 0.9);
  };

  return (
    <section className="cropper" aria-labelledby="cropper-title" data-testid="avatar-cropper">
      <h2 id="cropper-title">{t('avatar.crop.title')}</h2>
      <p className="form-hint" id="cropper-hint">
        {t('avatar.crop.hint')}
      </p>
      <canvas
        ref={canvas}
        className="cropper-canvas"
        style={{ width: VIEW, height: VIEW }}
        tabIndex={0}
        role="img"
        aria-label={t('avatar.crop.canvas')}
        aria-describedby="cropper-hint"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      />
      <label className="cropper-zoom">
        <span>{t('avatar.crop.zoom')}</span>
        <input
          type="range"
          min={1}
          max={MAX_ZOOM}
          step={0.01}
          value={view.zoom}
          onChange={(e) => zoomTo(Number(e.target.value))}
        />
      </label>
      <div className="form-actions form-actions-row">
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
          {t('form.cancel')}
        </button>
        <button type="button" className="button" onClick={crop} disabled={busy}>
          {busy ? t('avatar.uploading') : t('avatar.use')}
        </button>
      </div>
    </section>
  );
}
