import type { Picture } from '../../protocol/content-doc.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import { useLoad } from './use-load.ts';

/**
 * A picture from the content pack. Space is reserved at its aspect ratio while it loads, so
 * the text below never jumps; a picture that fails to load leaves that calm empty space.
 */
export function PackImage({ picture, class: className }: { picture: Picture; class?: string }) {
  const { content } = useKiosk();
  const src = useLoad(() => content.url(picture.src), [picture.src]);
  const fallback = useLoad(
    () => (picture.fallback ? content.url(picture.fallback) : Promise.resolve(undefined)),
    [picture.fallback],
  );
  const ratio = `${picture.width} / ${picture.height}`;
  if (src.status !== 'ready') {
    return (
      <span class={`pack-image pack-image--pending ${className ?? ''}`} style={{ aspectRatio: ratio }} />
    );
  }
  return (
    <picture class={`pack-image ${className ?? ''}`} style={{ aspectRatio: ratio }}>
      {fallback.status === 'ready' && fallback.value && <source srcset={src.value} type="image/webp" />}
      <img
        src={fallback.status === 'ready' && fallback.value ? fallback.value : src.value}
        alt={picture.alt}
        width={picture.width}
        height={picture.height}
        draggable={false}
      />
    </picture>
  );
}
