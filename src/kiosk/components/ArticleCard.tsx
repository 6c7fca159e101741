import type { CatalogEntry } from '../../protocol/content-doc.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import { PackImage } from './PackImage.tsx';
import { useAudienceT } from './use-audience-t.ts';

/** An article in a topic list: cover, title, who it is written for and summary; the whole card opens it. */
export function ArticleCard({ entry }: { entry: CatalogEntry }) {
  const { session } = useKiosk();
  const at = useAudienceT();
  const locale = session.locale.value;
  return (
    <li class="article-card">
      <button
        type="button"
        class="article-card__button"
        onClick={() => session.go({ name: 'article', id: entry.id })}
      >
        <PackImage picture={{ ...entry.cover, alt: '' }} class="article-card__cover" />
        <span class="article-card__text">
          <span class="article-card__title">{entry.title[locale]}</span>
          {entry.audience !== 'all' && (
            <span class="article-card__audience" data-audience={entry.audience}>
              {at(`audience.badge.${entry.audience}`)}
            </span>
          )}
          <span class="article-card__summary">{entry.summary[locale]}</span>
        </span>
      </button>
    </li>
  );
}
