import type { ComponentChildren } from 'preact';
import { useConsole } from '../context.ts';
import { type Route, routeToPath } from '../router.ts';

/** A link to a console page: a real address (open in a new tab works), routed in place on a plain click. */
export function Link(props: { to: Route; class?: string; children: ComponentChildren; current?: boolean }) {
  const { router } = useConsole();
  return (
    <a
      href={routeToPath(props.to)}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        router.go(props.to);
      }}
    >
      {props.children}
    </a>
  );
}
