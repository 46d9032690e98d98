// `svcctl expose` (in progress).
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';

export interface ExposeFlags {
  filename?: string[];
  recursive?: boolean;
  port?: string;
  targetPort?: string;
  protocol?: string;
  type?: string;
  name?: string;
  selector?: string;
  labels?: string;
  externalIp?: string;
  loadBalancerIp?: string;
  sessionAffinity?: string;
  clusterIp?: string;
  output?: string;
  dryRun?: string | boolean;
}

export async function runExpose(_ctx: CommandContext, _args: string[], _flags: ExposeFlags): Promise<number> {
  throw SvcctlError.plain('expose is not implemented yet');
}
