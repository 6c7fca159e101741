import { useEffect, useRef } from 'preact/hooks';
import type { SelfTestAgeBand } from '../../protocol/selftest.ts';
import { Icon } from './Icon.tsx';
import { ReadAloud } from './ReadAloud.tsx';
import { useQuizT } from './use-quiz-t.ts';

/**
 * The self-test's one question before it starts: is the resident 18 to 69, the national survey's
 * ages? The answer is only counted with the test's level (`selftest_level`), never stored apart.
 */
export function SelfTestAge({ onChoose }: { onChoose: (band: SelfTestAgeBand) => void }) {
  const t = useQuizT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const spoken = [t('selftest.age.question'), t('selftest.age.why')].join(' ');
  return (
    <section class="selftest-age" aria-labelledby="selftest-age-title">
      <ReadAloud text={spoken} />
      <p class="selftest-age__lead">{t('selftest.age.title')}</p>
      <h2 id="selftest-age-title" ref={heading} tabIndex={-1}>
        {t('selftest.age.question')}
      </h2>
      <div class="selftest-age__choices">
        <button type="button" class="big-button" onClick={() => onChoose('adult')}>
          <Icon name="check" />
          {t('selftest.age.adult')}
        </button>
        <button type="button" class="big-button big-button--quiet" onClick={() => onChoose('other')}>
          {t('selftest.age.other')}
        </button>
      </div>
      <p class="quiz-note">{t('selftest.age.why')}</p>
    </section>
  );
}
