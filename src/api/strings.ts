// String helpers for the hot paths of decoding, validation and the controllers, which run them
// by the thousand: sorting short lists without the scratch array Array.prototype.sort makes for
// each, and telling plain digits without a regular expression.

/** Sorts `items` in place in sort()'s default order (UTF-16 code units) and returns it. */
export function sortStrings(items: string[]): string[] {
  if (items.length > 16) return items.sort();
  for (let i = 1; i < items.length; i++) {
    const s = items[i];
    let j = i - 1;
    while (j >= 0 && items[j] > s) {
      items[j + 1] = items[j];
      j--;
    }
    items[j + 1] = s;
  }
  return items;
}

/** Whether `s` is one or more ASCII decimal digits (/^[0-9]+$/). */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
