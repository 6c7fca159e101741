import { useState } from 'preact/hooks';
import { ArticleDocSchema, articlePath, CATALOG_PATH, CatalogSchema } from '../../protocol/content-doc.ts';
import { LOCALES, type Locale } from '../../protocol/locales.ts';
import type { PackFile } from '../../protocol/pack-manifest.ts';
import { useConsole, useT } from '../context.ts';
import { useLoad } from '../hooks.ts';
import { LOCALE_NAMES } from '../i18n/index.ts';
import { ArticlePreview } from './ArticlePreview.tsx';
import { fetchJson } from './blobs.ts';
import { Section } from './Page.tsx';
import { SelectField } from './SelectField.tsx';

/** Pick an article and a language and see it as the kiosk shows it. */
export function PreviewPanel(props: {
  files: readonly PackFile[];
  article?: string;
  onArticle: (id: string) => void;
}) {
  const { locale } = useConsole();
  const t = useT();
  const [lang, setLang] = useState<Locale>(locale.value);
  const catalog = useLoad(() => fetchJson(props.files, CATALOG_PATH, CatalogSchema), [props.files]);
  const entries = catalog.status === 'ready' ? catalog.value.articles : [];
  const id = props.article ?? entries[0]?.id;
  const doc = useLoad(
    () =>
      id
        ? fetchJson(props.files, articlePath(id, lang), ArticleDocSchema)
        : Promise.reject(new Error('no article')),
    [props.files, id, lang],
  );
  return (
    <Section title={t('preview.title')} id="preview">
      <div class="preview-controls">
        <SelectField inline label={t('preview.article')} value={id ?? ''} onChange={props.onArticle}>
          {entries.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title[locale.value]} ({e.id})
            </option>
          ))}
        </SelectField>
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('preview.language')}</legend>
          {LOCALES.map((l) => (
            <label key={l} class="segmented__option">
              <input type="radio" name="preview-lang" checked={lang === l} onChange={() => setLang(l)} />
              <span lang={l}>{LOCALE_NAMES[l]}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <p class="muted">{t('preview.note')}</p>
      {doc.status === 'ready' && (
        <ArticlePreview doc={doc.value} files={props.files} onLink={props.onArticle} />
      )}
      {doc.status === 'failed' && entries.length > 0 && <p role="alert">{t('preview.failed')}</p>}
      {doc.status === 'loading' && <p>{t('common.loading')}</p>}
    </Section>
  );
}
