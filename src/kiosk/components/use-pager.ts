import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const PAGE = 0.8; // of the visible height, so a line or two stays in view after a page turn

/** Big Up/Down buttons for a scrolling element, and whether each end is reached. */
export function usePager(ref: RefObject<HTMLElement>) {
  const [atTop, setAtTop] = useState(true);
  const [atBottom, setAtBottom] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      setAtTop(el.scrollTop <= 1);
      setAtBottom(el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    for (const child of el.children) resize.observe(child);
    return () => {
      el.removeEventListener('scroll', update);
      resize.disconnect();
    };
  }, [ref]);

  const smooth = () =>
    matchMedia('(prefers-reduced-motion: reduce)').matches ? ('instant' as ScrollBehavior) : 'smooth';
  return {
    atTop,
    atBottom,
    up: () => ref.current?.scrollBy({ top: -ref.current.clientHeight * PAGE, behavior: smooth() }),
    down: () => ref.current?.scrollBy({ top: ref.current.clientHeight * PAGE, behavior: smooth() }),
  };
}
