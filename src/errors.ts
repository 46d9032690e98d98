// The one error type of svcctl, modelled on apiserver's StatusError and kubectl's checkErr.
import { type FieldError, fieldErrorString, dedupeErrors } from './api/field.js';

export type Reason =
  | 'Invalid'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'BadRequest'
  | 'Forbidden'
  | 'Usage'
  | 'Internal'
  | 'Plain';

/** Where in the user's input an error comes from. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface SvcctlErrorInit {
  reason: Reason;
  message: string;
  kind?: string;
  name?: string;
  causes?: FieldError[];
  source?: SourceLocation;
}

/**
 * Every failure svcctl reports. `reason` mirrors the apiserver's StatusReason; Plain is kubectl's
 * own `error: ...`; Usage is a command-line mistake.
 */
export class SvcctlError extends Error {
  readonly reason: Reason;
  readonly kind?: string;
  readonly objectName?: string;
  readonly causes: FieldError[];
  source?: SourceLocation;

  constructor(init: SvcctlErrorInit) {
    super(init.message);
    this.reason = init.reason;
    this.kind = init.kind;
    this.objectName = init.name;
    this.causes = init.causes ?? [];
    this.source = init.source;
  }

  /** `The Service "web" is invalid: ...` from a list of field errors. */
  static invalid(kind: string, name: string, causes: FieldError[]): SvcctlError {
    const list = dedupeErrors(causes);
    const msg = `${kind} "${name}" is invalid: ${aggregate(list.map(fieldErrorString))}`;
    return new SvcctlError({ reason: 'Invalid', message: msg, kind, name, causes: list });
  }

  /** `services "web" not found` */
  static notFound(resource: string, name: string): SvcctlError {
    return new SvcctlError({ reason: 'NotFound', message: `${resource} "${name}" not found`, name });
  }

  /** `services "web" already exists` */
  static alreadyExists(resource: string, name: string): SvcctlError {
    return new SvcctlError({ reason: 'AlreadyExists', message: `${resource} "${name}" already exists`, name });
  }

  static conflict(message: string): SvcctlError {
    return new SvcctlError({ reason: 'Conflict', message });
  }

  static forbidden(message: string): SvcctlError {
    return new SvcctlError({ reason: 'Forbidden', message });
  }

  static badRequest(message: string): SvcctlError {
    return new SvcctlError({ reason: 'BadRequest', message });
  }

  /** kubectl's own (client-side) errors, printed as `error: <message>`. */
  static plain(message: string): SvcctlError {
    return new SvcctlError({ reason: 'Plain', message });
  }

  static usage(message: string): SvcctlError {
    return new SvcctlError({ reason: 'Usage', message });
  }

  static internal(message: string): SvcctlError {
    return new SvcctlError({ reason: 'Internal', message });
  }

  /** A copy whose server message carries `error when <verb> "<file>": `, as kubectl's AddSourceToErr. */
  withSource(verb: string, file: string | undefined): SvcctlError {
    if (!file || this.reason === 'Invalid' || this.reason === 'Plain' || this.reason === 'Usage') return this;
    const e = new SvcctlError({
      reason: this.reason,
      message: `error when ${verb} "${file}": ${this.message}`,
      kind: this.kind,
      name: this.objectName,
      causes: this.causes,
      source: this.source,
    });
    return e;
  }
}

/** utilerrors.NewAggregate(...).Error(): one message bare, several in brackets. */
function aggregate(msgs: string[]): string {
  if (msgs.length === 1) return msgs[0];
  return `[${msgs.join(', ')}]`;
}

/**
 * Turns any error into the text kubectl prints for it (cmdutil.checkErr), ending in a newline.
 * Invalid errors list their causes one per line when there are several.
 */
export function formatError(err: unknown): string {
  if (!(err instanceof SvcctlError)) {
    const msg = err instanceof Error ? err.message : String(err);
    return `error: ${msg}\n`;
  }
  switch (err.reason) {
    case 'Invalid': {
      const head = `The ${err.kind} "${err.objectName}" is invalid: `;
      const causes = err.causes.map(fieldErrorString);
      if (causes.length === 0) return `${head.trimEnd()}\n`;
      if (causes.length === 1) return `${head}${causes[0]}\n`;
      return `${head}\n${causes.map((c) => `* ${c}`).join('\n')}\n`;
    }
    case 'NotFound':
    case 'AlreadyExists':
    case 'Conflict':
    case 'BadRequest':
    case 'Forbidden':
      return `Error from server (${err.reason}): ${err.message}\n`;
    case 'Internal':
      return `error: ${err.message}\n(this is a bug in svcctl; please report it)\n`;
    case 'Usage':
    case 'Plain':
    default:
      return `error: ${err.message}\n`;
  }
}
