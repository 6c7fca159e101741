import type { LessonMessages } from './messages.ts';

/** The phone lessons' words in plain English. */
export const lessonEn: LessonMessages = {
  'lesson.section': 'Phone lessons',
  'lesson.sectionIntro':
    'Learn by doing on the phone on this screen, one step at a time. A wrong tap does no harm.',
  'lesson.steps': '{count} steps',
  'lesson.articles': 'Articles',
  'lesson.progress': 'Step {step} of {total}',
  'lesson.phone': 'Practice phone: {screen}',
  'lesson.statusbar': 'Top edge of the screen',
  'lesson.key': 'Key {key}',
  'lesson.listen': 'Listen again',
  'lesson.back': 'Previous step',
  'lesson.restart': 'Start over',
  'lesson.toType': 'To enter:',
  'lesson.hint.idle': 'Take your time.',
  'lesson.hint.wrong': 'No problem, try again.',
  'lesson.hint.tap': 'Tap the place that is lit up.',
  'lesson.hint.longpress': 'Press and hold the place that is lit up, or tap the Press and hold button.',
  'lesson.hint.swipe': 'Swipe on the place that is lit up, or tap the {action} button.',
  'lesson.hint.type': 'Press the key that is lit up.',
  'lesson.do.longpress': 'Press and hold',
  'lesson.do.swipe-left': 'Swipe left',
  'lesson.do.swipe-right': 'Swipe right',
  'lesson.do.swipe-up': 'Swipe up',
  'lesson.do.swipe-down': 'Swipe down',
  'lesson.doneTitle': 'Well done!',
  'lesson.doneBody': 'You have learned: {title}',
  'lesson.doneMore':
    'Practise a few times and it sticks. Try it on your own phone at home, and come back any time.',
  'lesson.again': 'Practise again',
  'lesson.others': 'Other lessons',
  'lesson.takeHome': 'Take the steps home',
  'lesson.takeHomeHint': 'Scan this with your phone to see the steps on your phone.',
};
