// `svcctl describe` (in progress).
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';

export async function runDescribe(_ctx: CommandContext, _args: string[]): Promise<number> {
  throw SvcctlError.plain('describe is not implemented yet');
}
