/** Who an article is for, in the words residents see on the topic pages (zh-CN is the reference). */
export const audienceZhCN = {
  'audience.filter': '写给谁看',
  'audience.filter.all': '全部文章',
  'audience.name.seniors': '老年人',
  'audience.name.youth': '青少年',
  'audience.name.farmers': '农民',
  'audience.name.workers': '产业工人',
  'audience.name.officials': '村镇干部',
  'audience.badge.seniors': '写给老年人',
  'audience.badge.youth': '写给青少年',
  'audience.badge.farmers': '写给农民',
  'audience.badge.workers': '写给产业工人',
  'audience.badge.officials': '写给村镇干部',
  'audience.showing': '正在看：{name}，共 {count} 篇',
};
