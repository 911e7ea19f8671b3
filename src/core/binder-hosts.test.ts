import { describe, expect, it } from 'vitest';
import { findBinderHosts, matchBinderHost } from './binder-hosts.ts';

const servers = {
  slug: 'servers-workstations',
  bodyLine: 9,
  body: [
    '## Servers',
    '',
    '| Host | Address | Serial | Purpose |',
    '|---|---|---|---|',
    '| **HD-SRV01** | 192.0.2.10 | 5CG-1234 XYZ | Files |',
    '| `HD-NAS01` | 192.0.2.12 | - | Images |',
    '| Workstations | DHCP | | 12 desktops |',
    '',
    '```',
    '| Host |',
    '|---|',
    '| IN-A-FENCE |',
    '```',
    '',
    '| Circuit | Speed |',
    '|---|---|',
    '| BF-44817 | 500/50 |',
  ].join('\n'),
};
const network = {
  slug: 'network-isp',
  bodyLine: 8,
  body: ['| Hostname | Model |', '| --- | --- |', '| HD-FW01 | FortiGate 40F |'].join('\n'),
};

describe('findBinderHosts', () => {
  it('reads the host (and serial) columns of binder tables, with their lines', () => {
    expect(findBinderHosts([servers, network])).toEqual([
      { hostname: 'HD-SRV01', serial: '5CG-1234 XYZ', section: 'servers-workstations', line: 13 },
      { hostname: 'HD-NAS01', section: 'servers-workstations', line: 14 },
      { hostname: 'Workstations', section: 'servers-workstations', line: 15 },
      { hostname: 'HD-FW01', section: 'network-isp', line: 10 },
    ]);
  });
});

describe('matchBinderHost', () => {
  const hosts = findBinderHosts([servers, network]);

  it('matches by serial first, even when the RMM knows the device by another name', () => {
    expect(matchBinderHost({ hostname: 'DESKTOP-8HQ2K', serial: '5cg1234xyz' }, hosts)).toEqual({
      section: 'servers-workstations',
      host: 'HD-SRV01',
      by: 'serial',
    });
  });

  it('then by host name, ignoring case and the domain', () => {
    expect(matchBinderHost({ hostname: 'hd-fw01.harbor.local', serial: 'UNKNOWN1' }, hosts)).toEqual({
      section: 'network-isp',
      host: 'HD-FW01',
      by: 'hostname',
    });
    expect(matchBinderHost({ hostname: 'HD-NAS01' }, hosts)?.by).toBe('hostname');
  });

  it('a serial match wins over another host of the same name', () => {
    expect(matchBinderHost({ hostname: 'HD-FW01', serial: '5CG1234XYZ' }, hosts)?.host).toBe('HD-SRV01');
  });

  it('leaves a device the binder does not list unmatched (tables without a host column are ignored)', () => {
    expect(matchBinderHost({ hostname: 'BF-44817' }, hosts)).toBeUndefined();
    expect(matchBinderHost({ hostname: 'IN-A-FENCE' }, hosts)).toBeUndefined();
  });
});
