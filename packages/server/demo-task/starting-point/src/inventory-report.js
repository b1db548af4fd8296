import { describeQuantity } from './quantity.js';

/**
 * @typedef {object} StockLine
 * @property {string} item the item's name in the singular
 * @property {number} count how many are in stock
 */

/**
 * The one-sentence stock summary the shop prints at closing time.
 *
 * @param {StockLine[]} stock
 * @returns {string} e.g. "In stock: 3 apples."
 */
export function inventoryReport(stock) {
  if (stock.length === 0) {
    return 'Nothing in stock.';
  }
  const parts = stock.map((line) => describeQuantity(line.count, line.item));
  return `In stock: ${parts.join(', ')}.`;
}
