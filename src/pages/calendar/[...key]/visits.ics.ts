import type { APIRoute } from 'astro';
import { visitsCalendar } from '../../../site/calendars.ts';
import { loadSiteData } from '../../../site/site-data.ts';
import { calendarInput } from '../../../site/site-model.ts';

/**
 * `/calendar/[<key>/]visits.ics`: every client's visits and renewals (staff), or the client's own
 * (a client's site). The key, from BINDER_FEED_SECRET, makes the URL unguessable (docs/calendars.md).
 */
export async function getStaticPaths() {
  const data = await loadSiteData();
  return [{ params: { key: data.config.feedKey || undefined } }];
}

export const GET: APIRoute = async () =>
  new Response(visitsCalendar(calendarInput(await loadSiteData())), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
