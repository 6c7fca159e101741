/** Words of emergency notices and the alarm card (Simplified Chinese, the reference). */
export const noticeZhCN = {
  'alarm.title': '特别严重预警',
  'alarm.read': '我已阅读',
  'alarm.listen': '朗读预警',
  'alarm.updated': '预警已更新',
  'notice.area': '范围：{area}',
  'notice.sender': '发布：{sender}',
  'notice.until': '有效至 {time}',
  'notice.fallback': '这条通知没有中文版本，下面是{language}原文。',
  'notice.exercise': '演练',
  'notice.test': '测试',
  'notice.drillNote': '这是演练或测试，不是真实警报。',
  'lang.zh-CN': '中文',
  'lang.vi': '越南文',
  'lang.en': '英文',
};
