import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inventoryReport } from '../src/inventory-report.js';

describe('inventoryReport', () => {
  test('an empty shop says so', () => {
    assert.equal(inventoryReport([]), 'Nothing in stock.');
  });

  test('a single item is listed with its quantity', () => {
    assert.equal(inventoryReport([{ item: 'apple', count: 3 }]), 'In stock: 3 apples.');
    assert.equal(inventoryReport([{ item: 'pear', count: 1 }]), 'In stock: 1 pear.');
  });

  test('several items are listed, the last two joined with "and"', { todo: true }, () => {
    assert.equal(
      inventoryReport([
        { item: 'apple', count: 3 },
        { item: 'pear', count: 1 },
      ]),
      'In stock: 3 apples and 1 pear.',
    );
    assert.equal(
      inventoryReport([
        { item: 'apple', count: 3 },
        { item: 'pear', count: 1 },
        { item: 'box', count: 2 },
      ]),
      'In stock: 3 apples, 1 pear and 2 boxes.',
    );
  });

  test('sold-out items are reported separately', { todo: true }, () => {
    assert.equal(
      inventoryReport([
        { item: 'loaf', count: 2 },
        { item: 'cherry', count: 0 },
      ]),
      'In stock: 2 loaves. Sold out: cherries.',
    );
  });
});
