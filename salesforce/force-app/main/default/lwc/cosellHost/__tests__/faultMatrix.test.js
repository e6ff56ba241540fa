// The fault matrix's HostAdapter column (issue 16), as far as LWC Jest reaches: the wrapper's
// HostAdapter (the real bundle) calls CosellController through the mocked @salesforce/apex imports,
// behind which apexOrg.js keeps referrals as the Apex methods do. Each Apex write is failed the way a
// Lightning page sees a real org fail; the person then does what the widget lets them do — press
// again with what they typed (the same externalId) or make the same move — and the org is asked what
// it holds: exactly one referral per submission, each move applied once. A person still waiting when
// their time is up (HOST_CALL_TIMEOUT_MS, twice, and a little) counts too. Prints the matrix.
import { createElement } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import getCurrentUser from '@salesforce/apex/CosellController.getCurrentUser';
import getPartner from '@salesforce/apex/CosellController.getPartner';
import createReferral from '@salesforce/apex/CosellController.createReferral';
import getReferral from '@salesforce/apex/CosellController.getReferral';
import moveReferral from '@salesforce/apex/CosellController.moveReferral';
import CosellReferralForm from 'c/cosellReferralForm';
import { NORTHWIND, runBundle, settle } from './support';
import { FAULTS, createApexOrg } from './apexOrg';

jest.mock('@salesforce/apex/CosellController.getCurrentUser', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CosellController.getPartner', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CosellController.listPartners', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CosellController.searchPartners', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CosellController.createReferral', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CosellController.findDuplicateReferrals', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CosellController.getReferral', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CosellController.listReferrals', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CosellController.moveReferral', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CosellController.listAgreements', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CosellController.listStatements', () => ({ default: jest.fn() }), { virtual: true });

const PAT = { id: '005000000000002AAA', name: 'Pat Manager', role: 'partner-manager', partnerIds: [NORTHWIND.id] };
const WRITES = ['create referral', 'move', 'batch move'];
const ROWS = [...Object.keys(FAULTS), 'double click', 'three at once'];
/** How long a person waits in all (two presses, each up to the HostAdapter's limit). */
const PATIENCE_MS = 2 * 30_000 + 5_000;

let org;
let adapter;

function newOrg() {
    org = createApexOrg({ user: PAT, partnerId: NORTHWIND.id });
    for (const [mock, method] of [
        [getCurrentUser, 'getCurrentUser'],
        [createReferral, 'createReferral'],
        [getReferral, 'getReferral'],
        [moveReferral, 'moveReferral'],
    ]) {
        mock.mockImplementation((params) => org.call(method)(params));
    }
    return org;
}

beforeAll(async () => {
    loadScript.mockImplementation(runBundle);
    newOrg();
    getPartner.mockResolvedValue(JSON.stringify(NORTHWIND));
    const wrapper = createElement('c-cosell-referral-form', { is: CosellReferralForm });
    wrapper.partnerId = NORTHWIND.id;
    document.body.appendChild(wrapper);
    await settle();
    adapter = wrapper.shadowRoot.querySelector('cosell-provider').adapter;
});

afterAll(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

function referralInput(company) {
    return {
        externalId: crypto.randomUUID(),
        partnerId: NORTHWIND.id,
        prospect: { company, country: 'US', contactName: 'Jo Park', contactEmail: 'jo@example.com' },
        useCase: 'Click to dial',
        estimatedArr: { amountMinor: 2500000, currency: 'USD' },
        consentToContact: true,
    };
}

/** The person presses the button; if it fails, once more. What they were told: `network → saved`. */
async function pressAndRetry(action) {
    const said = (error) => error.kind ?? error.name;
    try {
        await action();
        return 'saved';
    } catch (first) {
        return action().then(
            () => `${said(first)} → saved`,
            (error) => `${said(first)} → ${said(error)}`,
        );
    }
}

/**
 * Runs the presses on a clock that the test moves past the person's patience. What they were told
 * then, and whether the org held what they asked for by then (`held()`) and in the end.
 */
async function withPatience(presses, held) {
    const told = presses.map(() => 'still waiting');
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    try {
        presses.forEach((press, i) => press().then((said) => (told[i] = said)));
        await jest.advanceTimersByTimeAsync(PATIENCE_MS);
        // What they were told by the time their patience ran out.
        const heard = [...told];
        const heldThen = held();
        // Then the slow org commits what it held, and every connection still open ends.
        org.settleLate();
        await jest.advanceTimersByTimeAsync(PATIENCE_MS);
        const cell = held();
        // Nothing in the org and nobody told when the person gave up: lost, whatever happens later.
        return { told: heard, cell: heldThen === 'lost' && heard.includes('still waiting') ? 'lost' : cell };
    } finally {
        jest.useRealTimers();
    }
}

async function runCell(row, write) {
    newOrg();
    const times = row === 'double click' ? 2 : row === 'three at once' ? 3 : 1;
    if (write === 'create referral') {
        const input = referralInput('Matrix Cell Ltd');
        if (row in FAULTS) org.fail(row, 'createReferral');
        return withPatience(
            Array.from({ length: times }, () => () => pressAndRetry(() => adapter.createReferral({ ...input }))),
            () => {
                const count = org.referrals().filter((r) => r.prospect.company === input.prospect.company).length;
                return count === 0 ? 'lost' : count === 1 ? 'ok' : 'doubled';
            },
        );
    }
    // The board read these before the move, as the widget does: the move names the version it saw.
    const seen = [org.seed('Acme Logistics'), org.seed('Globex')];
    const targets = ['accepted', 'qualified'];
    const moves = (write === 'move' ? seen.slice(0, 1) : seen).map((referral, i) => ({ id: referral.id, move: { to: targets[i], expectedVersion: referral.version } }));
    if (row in FAULTS) org.fail(row, 'moveReferral', moves.length);
    // HostAdapter has no batchMoves: a batch is one moveReferral per card, all at once.
    const act = () => Promise.all(moves.map(({ id, move }) => adapter.moveReferral(id, move)));
    return withPatience(
        Array.from({ length: times }, () => () => pressAndRetry(act)),
        () => {
            let cell = 'ok';
            for (const { id, move } of moves) {
                const now = org.referrals().find((r) => r.id === id);
                const applied = now.stageHistory.filter((change) => change.from !== null && change.to === move.to).length;
                if (now.stage !== move.to || applied === 0) return 'lost';
                if (applied > 1) cell = 'doubled';
            }
            return cell;
        },
    );
}

describe('fault matrix: HostAdapter through the LWC wrapper, Apex calls failed under Jest', () => {
    it('loses and doubles nothing, and leaves nobody waiting', async () => {
        const table = new Map();
        for (const row of ROWS) {
            const cells = new Map();
            // eslint-disable-next-line no-await-in-loop
            for (const write of WRITES) cells.set(write, await runCell(row, write));
            table.set(row, cells);
        }
        const text = ({ cell, told }) => `${cell} (told: ${[...new Set(told)].join(', ')})`;
        const width = Math.max(...ROWS.map((r) => r.length));
        const columns = WRITES.map((write) => `host × ${write}`);
        const columnWidth = Math.max(...columns.map((c) => c.length), ...[...table.values()].flatMap((cells) => [...cells.values()].map((o) => text(o).length)));
        const lines = [
            `${'fault'.padEnd(width)} | ${columns.map((c) => c.padEnd(columnWidth)).join(' | ')}`,
            ...ROWS.map((row) => `${row.padEnd(width)} | ${WRITES.map((w) => text(table.get(row).get(w)).padEnd(columnWidth)).join(' | ')}`),
        ];
        const outcomes = [...table.values()].flatMap((cells) => [...cells.values()]);
        const lost = outcomes.filter((o) => o.cell === 'lost').length;
        const doubled = outcomes.filter((o) => o.cell === 'doubled').length;
        const waiting = outcomes.filter((o) => o.told.includes('still waiting')).length;
        // One person made every write: being told "someone else changed it" about their own move is wrong.
        const misreported = outcomes.filter((o) => o.told.some((said) => said.includes('conflict'))).length;
        // eslint-disable-next-line no-console
        console.log(
            `${lines.join('\n')}\nfault matrix (HostAdapter under LWC Jest): ${outcomes.length} cells, ${lost} lost, ${doubled} doubled, ${waiting} left waiting, ${misreported} told of a conflict`,
        );
        expect(outcomes).toHaveLength(ROWS.length * WRITES.length);
        expect({ lost, doubled, waiting, misreported }).toEqual({ lost: 0, doubled: 0, waiting: 0, misreported: 0 });
    });

    it('sees a doubled referral: a retry with a new externalId after a lost answer (so the matrix can fail)', async () => {
        newOrg();
        const input = referralInput('Twice Ltd');
        org.fail('org commits, answer lost', 'createReferral');
        await expect(adapter.createReferral(input)).rejects.toMatchObject({ kind: 'network' });
        await adapter.createReferral({ ...input, externalId: crypto.randomUUID() });
        expect(org.referrals().filter((r) => r.prospect.company === 'Twice Ltd')).toHaveLength(2);
    });

    it('a lost connection reaches the person as network, in words, not as [object Object]', async () => {
        newOrg();
        org.fail('dropped before the org', 'createReferral');
        const error = await adapter.createReferral(referralInput('Offline Ltd')).catch((e) => e);
        expect(error).toMatchObject({ name: 'CrmError', kind: 'network' });
        expect(error.message).not.toMatch(/object Object/);
        expect(org.referrals()).toHaveLength(0);
    });
});
