// The ClusterIP and NodePort bitmaps of one transaction, loaded from and saved to their range keys
// (/registry/ranges/...) as kube-apiserver keeps RangeAllocation objects. A failed transaction
// never saves them, so a failed request never leaks an address or port.
import type { KubeObject } from '../api/types.js';
import { IPRange } from '../allocators/ip-range.js';
import { PortRange } from '../allocators/port-range.js';
import type { RangeAllocation } from '../allocators/bitmap.js';
import type { ClusterConfig } from '../cluster/config.js';
import type { StoreTxn } from '../store/store.js';
import { NODE_PORT_RANGE_KEY, SERVICE_IP_RANGE_KEY } from '../store/keys.js';

export interface Allocations {
  ips: IPRange;
  ports: PortRange;
  /** Writes back whichever bitmap changed. */
  save(): Promise<void>;
}

interface RangeObject extends KubeObject, RangeAllocation {}

function rangeObject(name: string, snap: RangeAllocation): RangeObject {
  return { apiVersion: 'v1', kind: 'RangeAllocation', metadata: { name }, range: snap.range, data: snap.data };
}

/** Loads both ranges (empty ones on a new cluster). */
export async function loadAllocations(tx: StoreTxn, cluster: ClusterConfig, random: () => number): Promise<Allocations> {
  const [ipObj, portObj] = await Promise.all([tx.get(SERVICE_IP_RANGE_KEY), tx.get(NODE_PORT_RANGE_KEY)]);
  const ips = ipObj ? IPRange.fromSnapshot(ipObj as RangeObject, { random }) : new IPRange(cluster.serviceCIDR, { random });
  const ports = portObj
    ? PortRange.fromSnapshot(portObj as RangeObject, { random })
    : new PortRange(cluster.nodePortRange, { random });
  // A snapshot of the service CIDR is a million bits: take one only for a range that changed, and
  // write it only when it differs from the stored one (an allocation given back leaves it equal).
  const loaded = { ips: ips.version, ports: ports.version };
  return {
    ips,
    ports,
    async save() {
      if (!ipObj || ips.version !== loaded.ips) {
        const snap = ips.snapshot();
        if (!ipObj || snap.data !== (ipObj as RangeObject).data) await tx.put(SERVICE_IP_RANGE_KEY, rangeObject('serviceips', snap));
      }
      if (!portObj || ports.version !== loaded.ports) {
        const snap = ports.snapshot();
        if (!portObj || snap.data !== (portObj as RangeObject).data) await tx.put(NODE_PORT_RANGE_KEY, rangeObject('servicenodeports', snap));
      }
    },
  };
}
