// Shared by the wrapper tests: the real drop-in bundle (dist/cosell.iife.min.js) run by the mocked
// loadScript, and Apex answers as JSON text, as CosellController returns them.
const fs = require('fs');
const path = require('path');

const BUNDLE = path.resolve(__dirname, '../../../../../../../dist/cosell.iife.min.js');

export function bundleSource() {
    if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build first (npm run test:lwc does).`);
    return fs.readFileSync(BUNDLE, 'utf8');
}

/** Runs the bundle in the test's window, as loadScript would in Lightning. */
export function runBundle() {
    // jsdom lacks crypto.randomUUID (the referral form's idempotency key); every Lightning browser has it.
    if (typeof window.crypto?.randomUUID !== 'function') {
        const { randomUUID } = require('crypto');
        Object.defineProperty(window.crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
    if (!window.Cosell) window.eval(bundleSource());
    return Promise.resolve();
}

export const DANA = { id: '005000000000001AAA', name: 'Dana Whitfield', role: 'seller', partnerIds: [] };

export const NORTHWIND = {
    id: 'a0B000000000001AAA',
    name: 'Northwind CRM',
    summary: 'Sales CRM with click-to-dial.',
    integration: { name: '8x8 Connect for Northwind CRM', status: 'generally-available' },
    lifecycle: { step: 'referrals', activePrograms: ['enablement', 'referrals'] },
    markets: ['US', 'CA'],
    useCases: ['Click to dial'],
    links: [],
    acceptanceWindowDays: 5,
};

/** Lets the wrapper's promises (loadScript, Apex) and the elements' updates settle. */
export async function settle(times = 5) {
    for (let i = 0; i < times; i++) {
        // eslint-disable-next-line no-await-in-loop
        await new Promise((resolve) => setTimeout(resolve, 0));
    }
}
