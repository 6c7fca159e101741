import type { NoticeMessages } from './messages.ts';

/** English. */
export const noticeEn: NoticeMessages = {
  'alarm.title': 'Extreme warning',
  'alarm.read': 'I have read it',
  'alarm.listen': 'Read the warning aloud',
  'alarm.updated': 'This warning has been updated',
  'notice.area': 'Where: {area}',
  'notice.sender': 'Issued by {sender}',
  'notice.until': 'Valid until {time}',
  'notice.fallback': 'This notice is not available in English. It is shown in {language}.',
  'notice.exercise': 'Exercise',
  'notice.test': 'Test',
  'notice.drillNote': 'This is an exercise or a test, not a real warning.',
  'lang.zh-CN': 'Chinese',
  'lang.vi': 'Vietnamese',
  'lang.en': 'English',
};
