import type { ClientProfile, MspSettings } from '../schemas/index.ts';

/**
 * The time zone a client's due dates and overdue checks are in: its profile's `timezone`, else the
 * MSP's (`msp.yaml`). Every reader of a client's time zone asks here, so the default is applied
 * in one place.
 */
export function clientTimeZone(
  profile: Pick<ClientProfile, 'timezone'>,
  msp: Pick<MspSettings, 'timezone'>,
): string {
  return profile.timezone ?? msp.timezone;
}
