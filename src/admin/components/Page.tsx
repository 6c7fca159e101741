import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { useT } from '../context.ts';

/** A console page: its heading (focused on arrival, for screen readers), the tab title, and content. */
export function Page(props: {
  title: string;
  intro?: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · ${t('app.title')}`;
  }, [props.title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div class="page">
      <div class="page__head">
        <h1 ref={heading} tabIndex={-1}>
          {props.title}
        </h1>
        {props.actions && <div class="page__actions">{props.actions}</div>}
      </div>
      {props.intro && <p class="page__intro">{props.intro}</p>}
      {props.children}
    </div>
  );
}

/** A titled part of a page. */
export function Section(props: {
  title: string;
  id?: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  const generated = useId();
  const id = props.id ?? generated;
  return (
    <section class="card" aria-labelledby={id}>
      <div class="card__head">
        <h2 id={id}>{props.title}</h2>
        {props.actions && <div class="card__actions">{props.actions}</div>}
      </div>
      {props.children}
    </section>
  );
}
