// Deployment and ReplicaSet rows: printers.go printDeployment and printReplicaSet.
import type { Deployment, ReplicaSet } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { col, formatLabelSelector, int, labelSelectorString, layoutContainerCells, type KindPrinter } from './common.js';

export const deploymentPrinter: KindPrinter<Deployment> = {
  columns: [
    col('Name'),
    col('Ready'),
    col('Up-to-date'),
    col('Available'),
    col('Age'),
    col('Containers', 1),
    col('Images', 1),
    col('Selector', 1),
  ],
  row(d, now) {
    const st = d.status ?? {};
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    // printDeployment uses selector.String() directly: an empty selector prints as ''.
    const selector = labelSelectorString(d.spec?.selector);
    return [
      d.metadata.name ?? '',
      `${int(st.readyReplicas)}/${int(d.spec?.replicas)}`,
      int(st.updatedReplicas),
      int(st.availableReplicas),
      translateTimestampSince(d.metadata.creationTimestamp, now),
      names,
      images,
      selector === undefined ? '<invalid>' : selector,
    ];
  },
};

/** The columns printers.go gives both ReplicaSets and ReplicationControllers. */
export const replicaColumns = [
  col('Name'),
  col('Desired'),
  col('Current'),
  col('Ready'),
  col('Age'),
  col('Containers', 1),
  col('Images', 1),
  col('Selector', 1),
];

export const replicaSetPrinter: KindPrinter<ReplicaSet> = {
  columns: replicaColumns,
  row(rs, now) {
    const st = rs.status ?? {};
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata.name ?? '',
      int(rs.spec?.replicas),
      int(st.replicas),
      int(st.readyReplicas),
      translateTimestampSince(rs.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};
