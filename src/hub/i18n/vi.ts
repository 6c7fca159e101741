import type { HubMessages } from './index.ts';

/** Vietnamese. */
export const vi: HubMessages = {
  'mail.brand': 'Trạm e-Khoa học',
  'alert.subject.firing': '[Trạm e] {station}: {what}',
  'alert.subject.reminder': '[Trạm e] Vẫn chưa xử lý: {station}: {what}',
  'alert.subject.recovered': '[Trạm e] Đã trở lại bình thường: {station}: {what}',
  'alert.subject.test': '[Trạm e] Tin nhắn thử',
  'alert.test.body': 'Đây là tin nhắn thử. Bạn đọc được tin này nghĩa là cảnh báo đến được địa chỉ này.',
  'alert.kind.silent': 'mất liên lạc',
  'alert.kind.stale_content': 'nội dung chưa cập nhật',
  'alert.kind.storage_low': 'sắp hết bộ nhớ',
  'alert.kind.clock_skew': 'đồng hồ sai',
  'alert.kind.update_errors': 'cập nhật nội dung liên tục thất bại',
  'alert.kind.notice_not_shown': 'thông báo khẩn cấp chưa hiển thị',
  'alert.fact.silent':
    'Đã {value} giờ không nhận được tín hiệu (quy tắc: {threshold} giờ). Tín hiệu cuối: {since}.',
  'alert.fact.stale_content':
    'Trạm đang dùng nội dung phiên bản {packVersion}; bản phát hành hiện tại là {liveVersion}, đã hơn {threshold} giờ (từ {since}).',
  'alert.fact.storage_low': 'Bộ nhớ đã dùng {value}% (quy tắc: {threshold}%).',
  'alert.fact.clock_skew':
    'Đồng hồ của trạm lệch khoảng {value} phút so với máy chủ (quy tắc: {threshold} phút).',
  'alert.fact.update_errors':
    '{value} lần kiểm tra cập nhật liên tiếp thất bại (quy tắc: {threshold}); lỗi gần nhất: {errorCode}.',
  'alert.fact.notice_not_shown':
    'Thông báo mức Cực kỳ nghiêm trọng "{notice}" vẫn chưa hiện ở trạm này {threshold} phút sau khi có hiệu lực ({since}).',
  'alert.todo.silent': 'Hãy gọi người trông trạm: kiểm tra điện, mạng và máy tính của trạm có bật không.',
  'alert.todo.stale_content':
    'Hãy kiểm tra mạng của trạm; trạm tự chuyển sang nội dung mới khi không có người dùng.',
  'alert.todo.storage_low': 'Xem bộ nhớ trên màn hình bảo trì; dọn ổ đĩa của máy tính nếu cần.',
  'alert.todo.clock_skew': 'Hãy chỉnh giờ máy tính của trạm (pin trên bo mạch có thể đã hết).',
  'alert.todo.update_errors': 'Xem mã lỗi trên màn hình bảo trì, hoặc nạp gói nội dung từ USB.',
  'alert.todo.notice_not_shown':
    'Hãy gọi ngay cho trạm để kiểm tra màn hình, và báo cho người dân bằng cách khác.',
  'alert.recovered.body': 'Đã xử lý xong: {what}.',
  'alert.reason.notice_ended': 'Thông báo khẩn cấp đã kết thúc.',
  'alert.station': 'Trạm: {station} ({town}, nhóm {group})',
  'alert.link': 'Xem trong trang quản trị: {url}',
  'alert.footer': 'Thư do máy chủ Trạm e cấp huyện tự động gửi. Sẽ không gửi lại cho đến khi sự cố kết thúc.',
};
