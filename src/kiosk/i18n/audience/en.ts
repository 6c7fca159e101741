import type { AudienceMessages } from './messages.ts';

/** Who an article is for, in English. */
export const audienceEn: AudienceMessages = {
  'audience.filter': 'Written for',
  'audience.filter.all': 'All articles',
  'audience.name.seniors': 'Seniors',
  'audience.name.youth': 'Young people',
  'audience.name.farmers': 'Farmers',
  'audience.name.workers': 'Workers',
  'audience.name.officials': 'Village officials',
  'audience.badge.seniors': 'For seniors',
  'audience.badge.youth': 'For young people',
  'audience.badge.farmers': 'For farmers',
  'audience.badge.workers': 'For workers',
  'audience.badge.officials': 'For village and township officials',
  'audience.showing': 'Showing: {name}, {count} articles',
};
