import { useConsole, useT } from '../context.ts';
import { useLoad } from '../hooks.ts';
import type { GroupView } from '../types.ts';

/** The name people see for a group; `*` is every station. */
export function groupLabel(group: string, t: ReturnType<typeof useT>): string {
  return group === '*' ? t('groups.all') : group;
}

/** Check boxes for station groups (from the hub's list), `*` first. */
export function GroupPicker(props: {
  legend: string;
  value: string[];
  onChange: (groups: string[]) => void;
}) {
  const { session } = useConsole();
  const t = useT();
  const groups = useLoad(() => session.api.get<GroupView[]>('/groups'), []);
  const names = groups.status === 'ready' ? groups.value.map((g) => g.group) : ['*'];
  const counts = new Map(groups.status === 'ready' ? groups.value.map((g) => [g.group, g.stations]) : []);
  return (
    <fieldset class="checks">
      <legend>{props.legend}</legend>
      {names.map((name) => (
        <label key={name} class="check">
          <input
            type="checkbox"
            checked={props.value.includes(name)}
            onChange={(e) =>
              props.onChange(
                e.currentTarget.checked ? [...props.value, name] : props.value.filter((g) => g !== name),
              )
            }
          />
          <span>
            {groupLabel(name, t)}
            {counts.has(name) && (
              <span class="muted"> · {t('groups.stationCount', { count: counts.get(name) ?? 0 })}</span>
            )}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Groups as small labels. */
export function GroupBadges({ groups }: { groups: readonly string[] }) {
  const t = useT();
  if (groups.length === 0) return <span class="muted">—</span>;
  return (
    <span class="badges">
      {groups.map((g) => (
        <span key={g} class="badge">
          {groupLabel(g, t)}
        </span>
      ))}
    </span>
  );
}
