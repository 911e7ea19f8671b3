import type { RmmExport } from '../schemas/index.ts';

/**
 * What msp-binder asks of an RMM, behind one small interface (as `IssueTracker` for GitHub): its
 * clients, and a vendor-neutral export of some of them. Tactical RMM implements it over its API
 * (tactical.ts); NinjaOne, Datto RMM or N-able adapters would map their own data the same way.
 * Tests use the in-memory source below.
 */

/** A client as the RMM names it. */
export interface RmmClientRef {
  /** The RMM's id of the client. */
  id: string;
  /** The RMM's name for it (matched to a profile's slug or `rmm.client`). */
  name: string;
}

/** An RMM that can export evidence. */
export interface RmmSource {
  /** Its short name as verdicts cite it, e.g. `tactical`. */
  readonly rmm: string;
  /** Every client the API key may see. */
  listClients(): Promise<RmmClientRef[]>;
  /** The neutral export of these clients: devices, checks and last alerts, taken at `now`. */
  exportClients(clients: readonly RmmClientRef[], now: Date): Promise<RmmExport>;
}

/** An RMM source over a fixed export, for in-process tests. */
export function createInMemoryRmmSource(exported: RmmExport): RmmSource {
  return {
    rmm: exported.source.rmm,
    async listClients() {
      return exported.clients.map((client, index) => ({ id: String(index + 1), name: client.client }));
    },
    async exportClients(clients) {
      const names = new Set(clients.map((client) => client.name));
      return {
        source: exported.source,
        clients: exported.clients.filter((client) => names.has(client.client)),
      };
    },
  };
}
