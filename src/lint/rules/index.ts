// Every cross-object rule, in the order they run. Ids are stable: configs and annotations name them.
import type { Rule } from '../types.js';
import { rule as serviceSelectorNoMatch } from './service-selector-no-match.js';
import { rule as serviceTargetPortNameMissing } from './service-target-port-name-missing.js';
import { rule as serviceTargetPortNumberUnexposed } from './service-target-port-number-unexposed.js';
import { rule as nodePortCollision } from './node-port-collision.js';
import { rule as duplicateObject } from './duplicate-object.js';
import { rule as ingressBackendMissing } from './ingress-backend-missing.js';
import { rule as networkpolicySelectsNothing } from './networkpolicy-selects-nothing.js';
import { rule as externalnameIsIp } from './externalname-is-ip.js';
import { rule as externalWithoutSourceRanges } from './external-without-source-ranges.js';
import { rule as databasePortExposed } from './database-port-exposed.js';
import { rule as deploymentSelectorMismatch } from './deployment-selector-mismatch.js';

export const RULES: Rule[] = [
  serviceSelectorNoMatch,
  serviceTargetPortNameMissing,
  serviceTargetPortNumberUnexposed,
  nodePortCollision,
  duplicateObject,
  ingressBackendMissing,
  networkpolicySelectsNothing,
  externalnameIsIp,
  externalWithoutSourceRanges,
  databasePortExposed,
  deploymentSelectorMismatch,
];
