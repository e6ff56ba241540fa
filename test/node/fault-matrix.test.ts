// The fault matrix (issue 16), first slice: RestAdapter through a real gateway, every write, each
// fault injected at the HTTP layer by a loopback proxy (test/node/support/fault-proxy.ts). After a
// failure the person does what the widget lets them do — press the button again with what they
// typed (the same externalId) or the same move — and then the CRM itself is asked what it holds:
// exactly one referral per submission, each move applied once. Prints the matrix; fails on any lost
// or doubled cell.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allReferrals, type CrmAdapter } from '../../src/adapters/adapter.js';
import type { MoveRequest, Referral, Stage } from '../../src/domain/index.js';
import { contractReferralInput, contractSeed } from '../contract/crm-adapter-contract.js';
import { FAULTS, startFaultProxy, type Fault, type FaultProxy } from './support/fault-proxy.js';
import { browserAdapter, startGateway, type RunningGateway } from './support/gateway.js';

type Write = 'create referral' | 'move' | 'batch move';
type Cell = 'ok' | 'lost' | 'doubled';
const WRITES: Write[] = ['create referral', 'move', 'batch move'];
type Row = Fault | 'double click' | 'three at once';
const ROWS: Row[] = [...(Object.keys(FAULTS) as Fault[]), 'double click', 'three at once'];

const MOVES: { id: string; to: Stage }[] = [
  { id: 'ref-c01', to: 'accepted' },
  { id: 'ref-c03', to: 'proposal' },
];

const running: { close(): Promise<void> }[] = [];
after(() => Promise.all(running.map((r) => r.close())));

async function world(): Promise<{ gateway: RunningGateway; proxy: FaultProxy; client: CrmAdapter; crm: CrmAdapter }> {
  const gateway = await startGateway(structuredClone(contractSeed));
  const proxy = await startFaultProxy(gateway.url);
  running.push(proxy, gateway);
  // The person's browser talks through the proxy; `crm` is how the test asks the CRM what it holds.
  const client = browserAdapter(proxy.url);
  const crm = browserAdapter(gateway.url);
  await client.getCurrentUser();
  return { gateway, proxy, client, crm };
}

/** The person presses the button; if it fails, once more. What they were told in the end. */
async function pressAndRetry(action: () => Promise<unknown>, retry: () => Promise<unknown> = action): Promise<string> {
  try {
    await action();
    return 'saved';
  } catch {
    return retry().then(
      () => 'saved',
      (error: Error & { kind?: string }) => error.kind ?? error.name,
    );
  }
}

function movedTo(referral: Referral, to: Stage, since: number): number {
  return (referral.stageHistory ?? []).filter((c) => c.from !== null && c.to === to && Date.parse(c.at) >= since).length;
}

async function moveCell(crm: CrmAdapter, moves: typeof MOVES, since: number): Promise<Cell> {
  let cell: Cell = 'ok';
  for (const { id, to } of moves) {
    const now = await crm.getReferral(id);
    const applied = movedTo(now, to, since);
    if (now.stage !== to || applied === 0) return 'lost';
    if (applied > 1) cell = 'doubled';
  }
  return cell;
}

interface Outcome {
  cell: Cell;
  /** What the person was told after their last press (each press of a double click). */
  told: string[];
}

async function runCell(row: Row, write: Write, options: { retryWithNewExternalId?: boolean } = {}): Promise<Outcome> {
  const { proxy, client, crm } = await world();
  const since = Date.now() - 1000;
  const isWrite = (method: string, path: string) =>
    method === 'POST' && (write === 'create referral' ? path === '/api/v1/referrals' : write === 'move' ? /\/move$/.test(path) : path.endsWith('/referrals/moves'));
  const times = row === 'double click' ? 2 : row === 'three at once' ? 3 : 1;
  if (row in FAULTS) proxy.arm(row as Fault, isWrite);

  if (write === 'create referral') {
    const input = contractReferralInput({ prospect: { company: 'Matrix Cell Ltd' } });
    const retry = options.retryWithNewExternalId ? () => client.createReferral({ ...input, externalId: crypto.randomUUID() }) : undefined;
    const told = await Promise.all(Array.from({ length: times }, () => pressAndRetry(() => client.createReferral({ ...input }), retry)));
    let count = 0;
    for await (const referral of allReferrals(crm, { pageSize: 200 })) if (referral.prospect.company === input.prospect.company) count++;
    return { cell: count === 0 ? 'lost' : count === 1 ? 'ok' : 'doubled', told };
  }

  const chosen = write === 'move' ? MOVES.slice(0, 1) : MOVES;
  const requests: { id: string; move: MoveRequest }[] = [];
  for (const { id, to } of chosen) requests.push({ id, move: { to, expectedVersion: (await crm.getReferral(id)).version } });
  const act =
    write === 'move'
      ? () => client.moveReferral(requests[0]!.id, requests[0]!.move)
      : async () => {
          // A batch answers per referral: the person is told about the first that failed.
          const failed = (await client.moveReferrals!(requests)).find((result) => result instanceof Error);
          if (failed) throw failed;
        };
  const told = await Promise.all(Array.from({ length: times }, () => pressAndRetry(act)));
  return { cell: await moveCell(crm, chosen, since), told };
}

describe('fault matrix: RestAdapter through the gateway, faults at the HTTP layer', () => {
  it('loses and doubles nothing', async () => {
    const table = new Map<Row, Map<Write, Outcome>>();
    for (const row of ROWS) {
      const cells = new Map<Write, Outcome>();
      for (const write of WRITES) cells.set(write, await runCell(row, write));
      table.set(row, cells);
    }
    const width = Math.max(...ROWS.map((r) => r.length));
    const text = ({ cell, told }: Outcome) => `${cell} (told: ${[...new Set(told)].join(', ')})`;
    const columnWidth = Math.max(...[...table.values()].flatMap((cells) => [...cells.values()].map((o) => text(o).length)));
    const lines = [
      `${'fault'.padEnd(width)} | ${WRITES.map((w) => `rest × ${w}`.padEnd(columnWidth)).join(' | ')}`,
      ...ROWS.map((row) => `${row.padEnd(width)} | ${WRITES.map((w) => text(table.get(row)!.get(w)!).padEnd(columnWidth)).join(' | ')}`),
    ];
    const cells = [...table.values()].flatMap((cells) => [...cells.values()].map((o) => o.cell));
    const lost = cells.filter((c) => c === 'lost').length;
    const doubled = cells.filter((c) => c === 'doubled').length;
    // One person made every write here: being told "someone else changed it" about their own move is wrong.
    const misreported = [...table.values()].flatMap((cells) => [...cells.values()]).filter((o) => o.told.includes('conflict')).length;
    console.log(`${lines.join('\n')}\nfault matrix: ${cells.length} cells, ${lost} lost, ${doubled} doubled, ${misreported} told of a conflict`);
    assert.equal(cells.length, ROWS.length * WRITES.length);
    assert.deepEqual({ lost, doubled, misreported }, { lost: 0, doubled: 0, misreported: 0 }, lines.join('\n'));
  });

  it('sees a doubled referral: a retry with a new externalId after a lost answer (so the matrix can fail)', async () => {
    const outcome = await runCell('drop after commit', 'create referral', { retryWithNewExternalId: true });
    assert.equal(outcome.cell, 'doubled');
  });

  it('the proxy does fail what it is armed for', async () => {
    const { proxy, client } = await world();
    proxy.arm('drop before the CRM', (method, path) => method === 'POST' && path === '/api/v1/referrals');
    await assert.rejects(client.createReferral(contractReferralInput()), (error: Error & { kind?: string }) => error.kind === 'network');
    assert.equal(proxy.fired, 1);
  });
});
