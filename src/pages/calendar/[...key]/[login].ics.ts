import type { APIRoute } from 'astro';
import { assigneeCalendar, calendarLogins } from '../../../site/calendars.ts';
import { loadSiteData } from '../../../site/site-data.ts';
import { calendarInput } from '../../../site/site-model.ts';

/** `/calendar/[<key>/]<login>.ics` (staff site only): a technician's visits and their clients' renewals. */
export async function getStaticPaths() {
  const data = await loadSiteData();
  if (data.config.client) return [];
  return calendarLogins(data.clients, data.config.msp).map((login) => ({
    params: { key: data.config.feedKey || undefined, login },
  }));
}

export const GET: APIRoute = async ({ params }) =>
  new Response(assigneeCalendar(calendarInput(await loadSiteData()), params.login ?? ''), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
