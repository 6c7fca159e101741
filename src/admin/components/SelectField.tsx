import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/**
 * A select with its label tied by id (not wrapped), so its accessible name is the label alone,
 * not the label plus the chosen option.
 */
export function SelectField(props: {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  children: ComponentChildren;
  inline?: boolean;
  help?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div class={props.inline ? 'field field--inline' : 'field'}>
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.children}
      </select>
      {props.help && <span class="field__help">{props.help}</span>}
    </div>
  );
}
