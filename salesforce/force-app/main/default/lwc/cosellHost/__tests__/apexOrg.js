// A stand-in for the org behind CosellController under LWC Jest, for the fault matrix: it keeps
// referrals the way the Apex methods do (createReferral is an upsert on External_Id__c; moveReferral
// checks the version and recognises a retry of the user's own move that landed) and answers with JSON
// text, as the @AuraEnabled methods return. `fail()` arms a fault, failing the next calls of one
// method the way a Lightning page sees a real org fail.

/** What an Apex call rejects with in LWC: a FetchResponse-like object. */
function apexError(status, message) {
    return { ok: false, status, statusText: status === 500 ? 'Server Error' : '', headers: {}, body: { message } };
}

/** An AuraHandledException from asAuraError: status 500, the message is CosellController's JSON. */
export function auraHandled(kind, message, details) {
    const error = apexError(500, JSON.stringify({ kind, message, ...(details ? { details } : {}) }));
    error.body.exceptionType = 'System.AuraHandledException';
    error.body.isUserDefinedException = true;
    return error;
}

/** What Lightning reports when the connection drops (the Aura action ends INCOMPLETE). */
export const disconnected = () => ({ body: { message: 'Disconnected or Canceled' }, ok: false, headers: {} });

export const FAULTS = {
    /** The request never reaches the org: the connection is lost first. */
    'dropped before the org': { commit: 'never', answer: 'disconnected' },
    /** The org commits; the answer is lost on the way back. */
    'org commits, answer lost': { commit: 'now', answer: 'disconnected' },
    /** The org refuses before changing anything (UNABLE_TO_LOCK_ROW, as asAuraError words it). */
    'AuraHandledException': { commit: 'never', answer: 'aura' },
    /** No answer ever comes, and the org never saw the request. */
    'no answer, never reached the org': { commit: 'never', answer: 'none' },
    /** The org commits; no answer ever comes. */
    'no answer, org committed': { commit: 'now', answer: 'none' },
    /** The org is slow: it commits only after the person gave up and retried; its answer is lost. */
    'no answer, org commits late': { commit: 'late', answer: 'none' },
};

let sequence = 0;

export function createApexOrg({ user, partnerId }) {
    const referrals = new Map();
    const byExternalId = new Map();
    let clock = Date.parse('2026-03-02T09:00:00Z');
    const now = () => new Date((clock += 1000)).toISOString();
    let armed; // { fault, method, left }
    const late = [];
    const hung = [];

    const copy = (referral) => JSON.stringify(referral);

    const methods = {
        getCurrentUser: () => JSON.stringify(user),
        createReferral: ({ inputJson }) => {
            const input = JSON.parse(inputJson);
            const existing = byExternalId.get(input.externalId);
            if (existing) return copy(referrals.get(existing));
            const at = now();
            const referral = {
                ...input,
                id: `a0C${String(++sequence).padStart(15, '0')}`,
                seller: { id: user.id, name: user.name },
                stage: 'submitted',
                submittedAt: at,
                stageChangedAt: at,
                version: 0,
                stageHistory: [{ from: null, to: 'submitted', at, by: user.id }],
            };
            referrals.set(referral.id, referral);
            byExternalId.set(referral.externalId, referral.id);
            return copy(referral);
        },
        getReferral: ({ referralId }) => {
            const referral = referrals.get(referralId);
            if (!referral) throw auraHandled('not-found', `Referral ${referralId} was not found.`);
            return copy(referral);
        },
        moveReferral: ({ referralId, moveJson }) => {
            const move = JSON.parse(moveJson);
            const referral = referrals.get(referralId);
            if (!referral) throw auraHandled('not-found', `Referral ${referralId} was not found.`);
            const last = referral.stageHistory[referral.stageHistory.length - 1];
            if (referral.version === move.expectedVersion + 1 && referral.stage === move.to && last.to === move.to && last.by === user.id) {
                return copy(referral);
            }
            if (referral.version !== move.expectedVersion) {
                throw auraHandled('conflict', 'Someone else changed this referral. It has been reloaded.', referral);
            }
            const at = now();
            referral.stageHistory.push({ from: referral.stage, to: move.to, at, by: user.id });
            referral.stage = move.to;
            referral.stageChangedAt = at;
            referral.version += 1;
            referral.lastModifiedBy = user.name;
            return copy(referral);
        },
    };

    /** One Apex method as the LWC import calls it: through the armed fault, if it matches. */
    const call = (method) => (params) => {
        if (armed && armed.method === method && armed.left > 0) {
            armed.left -= 1;
            const { commit, answer } = FAULTS[armed.fault];
            const run = () => methods[method](params);
            if (commit === 'now') {
                try {
                    run();
                } catch {
                    // the answer is lost either way
                }
            }
            if (commit === 'late') late.push(run);
            if (answer === 'disconnected') return Promise.reject(disconnected());
            if (answer === 'aura') return Promise.reject(auraHandled('unavailable', 'Salesforce could not complete the request: UNABLE_TO_LOCK_ROW'));
            return new Promise((resolve, reject) => hung.push(reject));
        }
        try {
            return Promise.resolve(methods[method](params));
        } catch (error) {
            return Promise.reject(error);
        }
    };

    return {
        call,
        /** Fail the next `times` calls of `method` with `fault`. */
        fail(fault, method, times = 1) {
            armed = { fault, method, left: times };
        },
        /** The slow org finally commits what it held back; answers that never came are dropped. */
        settleLate() {
            for (const run of late.splice(0)) {
                try {
                    run();
                } catch {
                    // a late move that lost a race is the org's no; nobody hears it
                }
            }
            for (const reject of hung.splice(0)) reject(disconnected());
        },
        referrals: () => [...referrals.values()].map((referral) => JSON.parse(copy(referral))),
        seed(company) {
            return JSON.parse(
                methods.createReferral({
                    inputJson: JSON.stringify({
                        externalId: `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`,
                        partnerId,
                        prospect: { company, country: 'US', contactName: 'Jo Park', contactEmail: 'jo@example.com' },
                        useCase: 'Click to dial',
                        estimatedArr: { amountMinor: 1200000, currency: 'USD' },
                        consentToContact: true,
                        existingCustomer: false,
                    }),
                }),
            );
        },
    };
}
