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
  const before = { ips: ips.snapshot().data, ports: ports.snapshot().data };
  return {
    ips,
    ports,
    async save() {
      const ipSnap = ips.snapshot();
      const portSnap = ports.snapshot();
      if (!ipObj || ipSnap.data !== before.ips) await tx.put(SERVICE_IP_RANGE_KEY, rangeObject('serviceips', ipSnap));
      if (!portObj || portSnap.data !== before.ports) {
        await tx.put(NODE_PORT_RANGE_KEY, rangeObject('servicenodeports', portSnap));
      }
    },
  };
}
