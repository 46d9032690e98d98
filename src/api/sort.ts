// Sorting the short string lists validation and the controllers sort by the thousand (label keys,
// resource names, port keys) without the scratch array Array.prototype.sort makes for each.

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
