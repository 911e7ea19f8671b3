import type { BinderMatch } from '../schemas/index.ts';

/**
 * The binder's hosts: the rows of Markdown tables in a client's binder sections whose header has
 * a `Host` (or `Hostname`, `Device`) column, with the serial number when a `Serial` (or `Serial
 * number`, `S/N`, `Service tag`) column is there. RMM devices are matched to them by serial
 * first, then host name, so evidence can name the binder page of each device.
 */

/** One host row of a binder table. */
export interface BinderHost {
  /** The host name as the binder writes it, e.g. `HD-SRV01`. */
  hostname: string;
  /** Its serial number, when the table has a serial column. */
  serial?: string;
  /** The binder section's slug. */
  section: string;
  /** 1-based line of the row in the section's file. */
  line: number;
}

/** What the finder needs of a binder section. */
export interface BinderSectionText {
  /** The section's slug (file name). */
  slug: string;
  /** Markdown body. */
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

const HOST_HEADERS = new Set(['host', 'hostname', 'host name', 'device', 'computer']);
const SERIAL_HEADERS = new Set(['serial', 'serial number', 'serial no', 'serial no.', 's/n', 'service tag']);
const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A table row's cells, with Markdown emphasis, code marks and links reduced to their text. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) =>
      cell
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/[*_`]/g, '')
        .trim(),
    );
}

/** Every host row of every table with a host column, in binder order. */
export function findBinderHosts(sections: readonly BinderSectionText[]): BinderHost[] {
  const hosts: BinderHost[] = [];
  for (const section of sections) {
    const lines = section.body.split('\n');
    let inFence = false;
    let hostColumn = -1;
    let serialColumn = -1;
    lines.forEach((raw, index) => {
      const line = raw.replace(/\r$/, '');
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (inFence || !line.trim().startsWith('|')) {
        hostColumn = -1;
        serialColumn = -1;
        return;
      }
      const row = cells(line);
      const next = lines[index + 1] ?? '';
      if (/^\s*\|?\s*:?-{3,}/.test(next)) {
        // A header row: the line below is the |---| separator.
        const names = row.map((cell) => cell.toLowerCase());
        hostColumn = names.findIndex((name) => HOST_HEADERS.has(name));
        serialColumn = names.findIndex((name) => SERIAL_HEADERS.has(name));
        return;
      }
      if (hostColumn < 0 || /^:?-{3,}/.test(row[0] ?? '')) return;
      const hostname = row[hostColumn] ?? '';
      if (!HOSTNAME.test(hostname)) return;
      const serial = serialColumn >= 0 ? (row[serialColumn] ?? '').trim() : '';
      hosts.push({
        hostname,
        ...(serial && serial !== '-' ? { serial } : {}),
        section: section.slug,
        line: section.bodyLine + index,
      });
    });
  }
  return hosts;
}

/** Serial numbers compare without case, spaces or dashes (`5CG-1234 xyz` = `5CG1234XYZ`). */
function normalSerial(serial: string): string {
  return serial.replace(/[\s-]/g, '').toUpperCase();
}

/** Host names compare without case and without a domain (`cl-srv01.cedar.local` = `CL-SRV01`). */
export function normalHostname(hostname: string): string {
  return (hostname.trim().split('.')[0] ?? '').toLowerCase();
}

/**
 * The binder host a device is: the one with the same serial number, else the one with the same
 * host name (case and domain ignored); undefined when the binder does not list it.
 */
export function matchBinderHost(
  device: { hostname: string; serial?: string | undefined },
  hosts: readonly BinderHost[],
): BinderMatch | undefined {
  if (device.serial) {
    const serial = normalSerial(device.serial);
    const bySerial = hosts.find((host) => host.serial && normalSerial(host.serial) === serial);
    if (bySerial) return { section: bySerial.section, host: bySerial.hostname, by: 'serial' };
  }
  const name = normalHostname(device.hostname);
  const byName = hosts.find((host) => normalHostname(host.hostname) === name);
  return byName ? { section: byName.section, host: byName.hostname, by: 'hostname' } : undefined;
}
