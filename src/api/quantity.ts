// resource.Quantity, as far as validation needs it: parsed exactly (ParseQuantity's rounding) to
// compare quantities, and printed as Go's Quantity.String() prints them.
export interface Quantity {
  nanos: bigint; // the value in units of 10^-9, rounded away from zero as ParseQuantity does
  text: string; // Quantity.String()
}

const DECIMAL_SUFFIXES: Record<string, number> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_OF = Object.fromEntries(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_OF = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const pow = (base: bigint, exp: number): bigint => base ** BigInt(exp);
const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/** Parsed quantities by text: manifests repeat a few values (`100m`, `128Mi`) many times. */
const parsed = new Map<string, Quantity | undefined>();

/** ParseQuantity; undefined for what Go would refuse to decode. JSON numbers decode from their text. */
export function parseQuantity(raw: unknown): Quantity | undefined {
  const s = typeof raw === 'number' ? String(raw) : raw;
  if (typeof s !== 'string' || s === '') return undefined;
  if (parsed.has(s)) return parsed.get(s);
  const q = parseText(s);
  // Bounded: a hostile input of endless distinct values must not grow it without end.
  if (parsed.size < 4096) parsed.set(s, q);
  return q;
}

function parseText(s: string): Quantity | undefined {
  if (s === '0') return { nanos: 0n, text: '0' };
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(s);
  if (!m) return undefined;
  const negative = m[1] === '-';
  const num = m[2].replace(/^0+/, '') || '0';
  const denom = m[3] ?? '';
  const suffix = m[4];
  let format: Format;
  let base: bigint;
  let exp: number;
  if (suffix in DECIMAL_SUFFIXES) [format, base, exp] = ['DecimalSI', 10n, DECIMAL_SUFFIXES[suffix]];
  else if (suffix in BINARY_SUFFIXES) [format, base, exp] = ['BinarySI', 2n, BINARY_SUFFIXES[suffix]];
  else if (/^[eE][-+]?[0-9]+$/.test(suffix)) [format, base, exp] = ['DecimalExponent', 10n, Number(suffix.slice(1))];
  else return undefined;

  // Exact value = digits * 10^-len(denom) * base^exp, scaled to nanos and rounded up in magnitude.
  let numer = BigInt(num + denom) * pow(10n, 9);
  let denomScale = pow(10n, denom.length);
  if (exp >= 0) numer *= pow(base, exp);
  else denomScale *= pow(base, -exp);
  let nanos = (numer + denomScale - 1n) / denomScale;
  if (negative) nanos = -nanos;
  // A fractional binary quantity below one prints as decimal.
  if (format === 'BinarySI' && abs(nanos) < 1_000_000_000n) format = 'DecimalSI';
  return { nanos, text: reusesText(num, denom, format, exp) ? s : canonical(nanos, format) };
}

// ParseQuantity's fast path keeps the input text when it is already canonical.
function reusesText(num: string, denom: string, format: Format, exp: number): boolean {
  const shifted = num + denom;
  if (format === 'BinarySI') {
    const precision = 15 - num.length - Math.trunc((exp * 3) / 10) - 1;
    return denom === '' && precision >= 0 && Number(BigInt(num) & 7n) !== 0;
  }
  const scale = exp - denom.length;
  return 18 - shifted.length >= 0 && scale >= -9 && scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

// Quantity.CanonicalizeBytes.
function canonical(nanos: bigint, format: Format): string {
  if (nanos === 0n) return '0';
  if (format === 'BinarySI' && abs(nanos) >= 1024_000_000_000n && nanos % 1_000_000_000n === 0n) {
    let v = nanos / 1_000_000_000n;
    let e = 0;
    while (abs(v) >= 1024n && v % 1024n === 0n) [v, e] = [v / 1024n, e + 1];
    return `${v}${BINARY_SUFFIX_OF[e] ?? ''}`;
  }
  let m = nanos;
  let e = -9;
  while (abs(m) >= 10n && m % 10n === 0n) [m, e] = [m / 10n, e + 1];
  while (e % 3 !== 0) [m, e] = [m * 10n, e - 1];
  if (format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
  return `${m}${DECIMAL_SUFFIX_OF[e] ?? ''}`;
}
