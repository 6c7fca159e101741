import type { AudienceMessages } from './messages.ts';

/** Who an article is for, in Vietnamese. */
export const audienceVi: AudienceMessages = {
  'audience.filter': 'Bài viết dành cho ai',
  'audience.filter.all': 'Tất cả bài',
  'audience.name.seniors': 'Người cao tuổi',
  'audience.name.youth': 'Thanh thiếu niên',
  'audience.name.farmers': 'Nông dân',
  'audience.name.workers': 'Công nhân',
  'audience.name.officials': 'Cán bộ thôn, xã',
  'audience.badge.seniors': 'Dành cho người cao tuổi',
  'audience.badge.youth': 'Dành cho thanh thiếu niên',
  'audience.badge.farmers': 'Dành cho nông dân',
  'audience.badge.workers': 'Dành cho công nhân',
  'audience.badge.officials': 'Dành cho cán bộ thôn, xã',
  'audience.showing': 'Đang xem: {name}, {count} bài',
};
