import type { TutorialCatalog } from '../../protocol/tutorial-doc.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import { PhoneIcon } from './PhoneIcon.tsx';
import { useLessonT } from './use-lesson-t.ts';

/** The "phone lessons" section of the digital-life topic: one card per tutorial. */
export function LessonList({ lessons }: { lessons: TutorialCatalog['tutorials'] }) {
  const { session } = useKiosk();
  const lt = useLessonT();
  const locale = session.locale.value;
  return (
    <section class="lessons" aria-labelledby="lessons-title">
      <h2 id="lessons-title" class="section-title">
        <PhoneIcon name="phone" />
        <span>{lt('lesson.section')}</span>
      </h2>
      <p class="lessons__intro">{lt('lesson.sectionIntro')}</p>
      <ul class="lesson-list">
        {lessons.map((lesson) => (
          <li key={lesson.id}>
            <button
              type="button"
              class="lesson-card"
              data-tutorial={lesson.id}
              onClick={() => session.go({ name: 'tutorial', id: lesson.id })}
            >
              <span class="lesson-card__icon">
                <PhoneIcon name={lesson.icon} />
              </span>
              <span class="lesson-card__text">
                <span class="lesson-card__title">{lesson.title[locale]}</span>
                <span class="lesson-card__summary">{lesson.summary[locale]}</span>
                <span class="lesson-card__steps">{lt('lesson.steps', { count: lesson.steps })}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
