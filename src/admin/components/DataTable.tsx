import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { useT } from '../context.ts';

/** One column: a label, how to show a cell, and how to sort by it. */
export interface Column<T> {
  key: string;
  label: string;
  cell: (row: T) => ComponentChildren;
  /** A sortable value; columns without one do not sort. */
  sort?: (row: T) => string | number | null;
  numeric?: boolean;
}

/**
 * A table people can sort by clicking a heading, inside a region that scrolls sideways on a
 * phone. `csv` adds a download link for the same figures.
 */
export function DataTable<T>(props: {
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  initialSort?: { key: string; descending?: boolean };
  csv?: string;
  empty?: string;
  id?: string;
}) {
  const t = useT();
  const [sort, setSort] = useState(props.initialSort ?? null);
  const column = props.columns.find((c) => c.key === sort?.key);
  const rows = [...props.rows];
  if (column?.sort) {
    const value = column.sort;
    rows.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order = x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
      return sort?.descending ? -order : order;
    });
  }
  const generated = useId();
  const captionId = props.id ? `${props.id}-caption` : generated;
  return (
    <div class="table-block">
      <div class="table-block__head">
        <p id={captionId} class="table-block__caption">
          {props.caption}
        </p>
        {props.csv && (
          <a class="button button--quiet button--small" href={props.csv} download>
            {t('common.csv')}
          </a>
        )}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section class="table-scroll" aria-labelledby={captionId} tabIndex={0}>
        <table>
          <thead>
            <tr>
              {props.columns.map((c) => {
                const active = sort?.key === c.key;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    class={c.numeric ? 'num' : undefined}
                    aria-sort={active ? (sort?.descending ? 'descending' : 'ascending') : undefined}
                  >
                    {c.sort ? (
                      <button
                        type="button"
                        class="sort-button"
                        onClick={() =>
                          setSort({ key: c.key, descending: active ? !sort?.descending : c.numeric })
                        }
                      >
                        {c.label}
                        <span aria-hidden="true">{active ? (sort?.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={props.rowKey(row)}>
                {props.columns.map((c) => (
                  <td key={c.key} class={c.numeric ? 'num' : undefined}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={props.columns.length} class="table-empty">
                  {props.empty ?? t('common.noRows')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
    </div>
  );
}
