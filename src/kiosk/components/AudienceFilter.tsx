import type { TargetAudience } from '../i18n/audience/index.ts';
import { useAudienceT } from './use-audience-t.ts';

/**
 * "Written for": one big toggle per audience a topic has articles for, and "all articles".
 * Only the chosen one is pressed; the line under it says what the list now shows.
 */
export function AudienceFilter(props: {
  audiences: TargetAudience[];
  chosen: TargetAudience | null;
  shown: number;
  onChoose: (audience: TargetAudience | null) => void;
}) {
  const at = useAudienceT();
  const choices: Array<TargetAudience | null> = [null, ...props.audiences];
  return (
    <div class="audience-filter">
      <fieldset class="audience-filter__choices">
        <legend class="audience-filter__label">{at('audience.filter')}</legend>
        {choices.map((a) => (
          <button
            key={a ?? 'all'}
            type="button"
            class="audience-chip"
            data-audience={a ?? 'all'}
            aria-pressed={props.chosen === a}
            onClick={() => props.onChoose(a)}
          >
            {a ? at(`audience.name.${a}`) : at('audience.filter.all')}
          </button>
        ))}
      </fieldset>
      {props.chosen && (
        <p class="audience-filter__status" role="status">
          {at('audience.showing', { name: at(`audience.name.${props.chosen}`), count: props.shown })}
        </p>
      )}
    </div>
  );
}
