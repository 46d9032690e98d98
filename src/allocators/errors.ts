// Allocator sentinels, as kube-apiserver's ipallocator/portallocator define them. The registry maps
// them to field errors (`spec.clusterIPs`, `spec.ports[i].nodePort`); nothing here knows about paths.

/** The range has no free value left (`range is full`). */
export class ErrFull extends Error {
  constructor() {
    super('range is full');
    this.name = 'ErrFull';
  }
}

/** The value is taken (`provided IP is already allocated`, `provided port is already allocated`). */
export class ErrAllocated extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErrAllocated';
  }
}

/** The value lies outside the usable range; `validRange` is the range as the message prints it. */
export class ErrNotInRange extends Error {
  readonly validRange: string;
  constructor(message: string, validRange: string) {
    super(message);
    this.name = 'ErrNotInRange';
    this.validRange = validRange;
  }
}

/** A snapshot (or, for 1.33's multi-CIDR IP allocator, an address) belongs to another range. */
export class ErrMismatchedNetwork extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErrMismatchedNetwork';
  }
}

/** A malformed range spec or snapshot (bad CIDR, bad port range, bad base64). */
export class ErrInvalidRange extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErrInvalidRange';
  }
}
