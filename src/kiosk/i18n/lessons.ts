import type { Locale } from '../../protocol/locales.ts';
import { fill } from './index.ts';

/**
 * Words of the phone lessons. They load with the lesson screens, not with the first screen,
 * to keep the kiosk's first download small; like the main dictionaries, zh-CN is the
 * reference and vi and en must have every key (type-checked).
 */
const zhCN = {
  section: '手机课堂',
  sectionIntro: '在屏幕上的手机里动手学，一步一步来，点错了也不要紧。',
  steps: '共 {count} 步',
  articles: '文章',
  progress: '第 {step} 步，共 {total} 步',
  phone: '练习用的手机：{screen}',
  statusbar: '屏幕最上边',
  key: '按键 {key}',
  listen: '再听一遍',
  back: '上一步',
  restart: '从头开始',
  toType: '要输入：',
  'hint.idle': '慢慢来，不着急。',
  'hint.wrong': '没关系，再试一次。',
  'hint.tap': '请点一下亮起的地方。',
  'hint.longpress': '请按住亮起的地方不放，也可以点「按住不放」按钮。',
  'hint.swipe': '请在亮起的地方滑一下，也可以点「{action}」按钮。',
  'hint.type': '请按亮起的那个键。',
  'do.longpress': '按住不放',
  'do.swipe-left': '向左滑',
  'do.swipe-right': '向右滑',
  'do.swipe-up': '向上滑',
  'do.swipe-down': '向下滑',
  doneTitle: '做得好！',
  doneBody: '您学会了：{title}',
  doneMore: '多练几次就记住了。回家用自己的手机试一试，忘了就再来练。',
  again: '再练一次',
  others: '看看其他课',
  takeHome: '扫码把步骤带回家',
  takeHomeHint: '用手机扫一扫，在手机上也能看这些步骤。',
} as const;

/** A key of the lesson dictionary. */
export type LessonKey = keyof typeof zhCN;

const vi: Record<LessonKey, string> = {
  section: 'Lớp học điện thoại',
  sectionIntro: 'Tập ngay trên chiếc điện thoại trong màn hình, từng bước một. Bấm sai cũng không sao.',
  steps: '{count} bước',
  articles: 'Bài viết',
  progress: 'Bước {step} trên {total}',
  phone: 'Điện thoại để tập: {screen}',
  statusbar: 'Mép trên màn hình',
  key: 'Phím {key}',
  listen: 'Nghe lại',
  back: 'Bước trước',
  restart: 'Làm lại từ đầu',
  toType: 'Cần nhập:',
  'hint.idle': 'Cứ từ từ, không vội.',
  'hint.wrong': 'Không sao, thử lại nhé.',
  'hint.tap': 'Hãy bấm vào chỗ đang sáng.',
  'hint.longpress': 'Hãy nhấn giữ chỗ đang sáng, hoặc bấm nút "Nhấn giữ".',
  'hint.swipe': 'Hãy vuốt ở chỗ đang sáng, hoặc bấm nút "{action}".',
  'hint.type': 'Hãy bấm phím đang sáng.',
  'do.longpress': 'Nhấn giữ',
  'do.swipe-left': 'Vuốt sang trái',
  'do.swipe-right': 'Vuốt sang phải',
  'do.swipe-up': 'Vuốt lên',
  'do.swipe-down': 'Vuốt xuống',
  doneTitle: 'Giỏi lắm!',
  doneBody: 'Bạn đã học xong: {title}',
  doneMore: 'Tập vài lần là nhớ. Về nhà thử trên điện thoại của mình, quên thì lại đến tập.',
  again: 'Tập lại lần nữa',
  others: 'Xem bài khác',
  takeHome: 'Quét mã để mang các bước về nhà',
  takeHomeHint: 'Dùng điện thoại quét mã này để xem lại các bước trên điện thoại.',
};

const en: Record<LessonKey, string> = {
  section: 'Phone lessons',
  sectionIntro: 'Learn by doing on the phone on this screen, one step at a time. A wrong tap does no harm.',
  steps: '{count} steps',
  articles: 'Articles',
  progress: 'Step {step} of {total}',
  phone: 'Practice phone: {screen}',
  statusbar: 'Top edge of the screen',
  key: 'Key {key}',
  listen: 'Listen again',
  back: 'Previous step',
  restart: 'Start over',
  toType: 'To enter:',
  'hint.idle': 'Take your time.',
  'hint.wrong': 'No problem, try again.',
  'hint.tap': 'Tap the place that is lit up.',
  'hint.longpress': 'Press and hold the place that is lit up, or tap the Press and hold button.',
  'hint.swipe': 'Swipe on the place that is lit up, or tap the {action} button.',
  'hint.type': 'Press the key that is lit up.',
  'do.longpress': 'Press and hold',
  'do.swipe-left': 'Swipe left',
  'do.swipe-right': 'Swipe right',
  'do.swipe-up': 'Swipe up',
  'do.swipe-down': 'Swipe down',
  doneTitle: 'Well done!',
  doneBody: 'You have learned: {title}',
  doneMore: 'Practise a few times and it sticks. Try it on your own phone at home, and come back any time.',
  again: 'Practise again',
  others: 'Other lessons',
  takeHome: 'Take the steps home',
  takeHomeHint: 'Scan this with your phone to see the steps on your phone.',
};

/** The lesson dictionaries by language (for tests). */
export const LESSON_MESSAGES: Record<Locale, Record<LessonKey, string>> = { 'zh-CN': zhCN, vi, en };

/** A lesson message in `locale` with `{name}` placeholders filled. */
export function lessonText(locale: Locale, key: LessonKey, params?: Record<string, string | number>): string {
  return fill(locale, LESSON_MESSAGES[locale][key], params);
}
