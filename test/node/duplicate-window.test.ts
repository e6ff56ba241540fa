// The Apex controller keeps its own copy of the duplicate window; it must equal the domain's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DUPLICATE_WINDOW_DAYS } from '../../src/domain/duplicates.js';

const CONTROLLER = join(import.meta.dirname, '../../salesforce/force-app/main/default/classes/CosellController.cls');

describe('duplicate window in Apex', () => {
  it('CosellController.DUPLICATE_WINDOW_DAYS equals the domain constant and is the only default', () => {
    const apex = readFileSync(CONTROLLER, 'utf8');
    const declared = /static final Integer DUPLICATE_WINDOW_DAYS = (\d+);/.exec(apex);
    assert.ok(declared, 'CosellController declares DUPLICATE_WINDOW_DAYS');
    assert.equal(Number(declared[1]), DUPLICATE_WINDOW_DAYS);
    assert.match(apex, /probe\.get\('withinDays'\) == null \? DUPLICATE_WINDOW_DAYS :/);
  });
});
