import { ok } from './common.ts';
import { contract } from './contract.ts';
import { calendarFeedCreated, calendarFeedState } from './outreach.ts';

/**
 * The private calendar feed's switch on the account page. The feed itself (`/calendar/:token.ics`)
 * is iCalendar, not JSON, and keeps its own route.
 */
export const calendarFeedApi = {
  state: contract({ method: 'GET', path: '/api/calendar-feed', response: calendarFeedState }),
  rotate: contract({
    method: 'POST',
    path: '/api/calendar-feed',
    status: 201,
    response: calendarFeedCreated,
  }),
  revoke: contract({ method: 'DELETE', path: '/api/calendar-feed', response: ok }),
};
