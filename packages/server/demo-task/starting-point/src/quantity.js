/**
 * Describes how many of something there are, as a shop assistant would say it.
 *
 * @param {number} count how many are in stock, a whole number of zero or more
 * @param {string} noun the item's name in the singular, e.g. "apple"
 * @returns {string} e.g. "1 apple", "3 apples"
 */
export function describeQuantity(count, noun) {
  if (count === 1) {
    return `1 ${noun}`;
  }
  return `${count} ${noun}s`;
}
