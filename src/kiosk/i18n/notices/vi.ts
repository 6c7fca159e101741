import type { NoticeMessages } from './messages.ts';

/** Vietnamese. */
export const noticeVi: NoticeMessages = {
  'alarm.title': 'Cảnh báo đặc biệt nguy hiểm',
  'alarm.read': 'Tôi đã đọc',
  'alarm.listen': 'Đọc to cảnh báo',
  'alarm.updated': 'Cảnh báo đã được cập nhật',
  'notice.area': 'Khu vực: {area}',
  'notice.sender': 'Nơi phát: {sender}',
  'notice.until': 'Hiệu lực đến {time}',
  'notice.fallback': 'Thông báo này chưa có bản tiếng Việt. Dưới đây là bản {language}.',
  'notice.exercise': 'Diễn tập',
  'notice.test': 'Thử nghiệm',
  'notice.drillNote': 'Đây là diễn tập hoặc thử nghiệm, không phải cảnh báo thật.',
  'lang.zh-CN': 'tiếng Trung',
  'lang.vi': 'tiếng Việt',
  'lang.en': 'tiếng Anh',
};
