/**
 * What every Cosell wrapper shares: loading the bundle from the `cosell` static resource once,
 * closed shadow roots (Lightning Web Security), and a HostAdapter whose calls go to Apex
 * (`CosellController`), because a Lightning session cannot call the REST API from the page.
 */
import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import COSELL_BUNDLE from '@salesforce/resourceUrl/cosell';
import getCurrentUser from '@salesforce/apex/CosellController.getCurrentUser';
import getPartner from '@salesforce/apex/CosellController.getPartner';
import listPartners from '@salesforce/apex/CosellController.listPartners';
import searchPartners from '@salesforce/apex/CosellController.searchPartners';
import createReferral from '@salesforce/apex/CosellController.createReferral';
import findDuplicateReferrals from '@salesforce/apex/CosellController.findDuplicateReferrals';
import getReferral from '@salesforce/apex/CosellController.getReferral';
import listReferrals from '@salesforce/apex/CosellController.listReferrals';
import moveReferral from '@salesforce/apex/CosellController.moveReferral';
import listAgreements from '@salesforce/apex/CosellController.listAgreements';
import listStatements from '@salesforce/apex/CosellController.listStatements';

let loading;

/** Loads the bundle once per page and returns `window.Cosell`, set to closed shadow roots. */
export function loadCosell(component) {
    if (!loading) {
        loading = loadScript(component, COSELL_BUNDLE).then(() => {
            const Cosell = window.Cosell;
            if (!Cosell || typeof Cosell.configureCosell !== 'function') {
                throw new Error('The cosell static resource did not define window.Cosell.');
            }
            // Read when each element is created, so this holds for every element rendered from now on.
            Cosell.configureCosell({ shadowMode: 'closed' });
            return Cosell;
        });
        loading.catch(() => {
            loading = undefined; // let the next wrapper try again
        });
    }
    return loading;
}

/** A HostAdapter over the Apex controller: JSON in, JSON out, parsed by the bundle's schemas. */
export function apexAdapter(Cosell) {
    const json = (value) => JSON.stringify(value ?? {});
    // The duplicate keys are computed here, with the same normalisation every adapter uses, so Apex
    // matches companies with one indexed equality query.
    const keys = (company, website) => ({
        companyKey: Cosell.normalizeCompany(company),
        websiteKey: website ? Cosell.normalizeDomain(website) : null,
    });
    return new Cosell.HostAdapter({
        getCurrentUser: () => getCurrentUser(),
        getPartner: (partnerId) => getPartner({ partnerId }),
        listPartners: (filter) => listPartners({ filterJson: json(filter) }),
        searchPartners: (query, filter) => searchPartners({ query, filterJson: json(filter) }),
        createReferral: (input) => createReferral({ inputJson: json(input), ...keys(input.prospect.company, input.prospect.website) }),
        findDuplicateReferrals: (probe) => findDuplicateReferrals({ probeJson: json(probe), ...keys(probe.company, probe.website) }),
        getReferral: (referralId) => getReferral({ referralId }),
        listReferrals: (request) => listReferrals({ requestJson: json(request) }),
        moveReferral: (referralId, move) => moveReferral({ referralId, moveJson: json(move) }),
        listAgreements: (partnerId) => listAgreements({ partnerId: partnerId ?? null }),
        listStatements: (query) => listStatements({ queryJson: json(query) }),
    });
}

/**
 * The base class of each wrapper: loads Cosell, hands the provider in its template the Apex adapter,
 * and turns the widget's cosell-* events into events a Lightning page can use (toasts, and
 * `referralsubmitted` / `stagechange` / `cosellerror` for a parent component).
 */
export default class CosellWrapper extends LightningElement {
    /** The record page's record id (Account, Opportunity), set by Lightning. */
    @api recordId;
    /** light (default, like Lightning), dark or auto. */
    @api theme = 'light';
    /** comfortable (default) or compact. */
    @api density = 'comfortable';
    @api locale;
    @api currency;

    adapter;
    ready = false;
    loadError;

    connectedCallback() {
        this.template.addEventListener('cosell-referral-submitted', this.onSubmitted);
        this.template.addEventListener('cosell-stage-change', this.onStageChange);
        this.template.addEventListener('cosell-error', this.onError);
        loadCosell(this)
            .then((Cosell) => {
                this.adapter = apexAdapter(Cosell);
                this.ready = true;
            })
            .catch((error) => {
                this.loadError = `Cosell could not load: ${error && error.message ? error.message : error}`;
            });
    }

    get localeOrDefault() {
        return this.locale || 'en-US';
    }

    get currencyOrDefault() {
        return this.currency || 'USD';
    }

    onSubmitted = (event) => {
        const referral = event.detail.referral;
        this.dispatchEvent(new ShowToastEvent({ title: 'Referral sent', message: `${referral.prospect.company} was referred.`, variant: 'success' }));
        this.dispatchEvent(new CustomEvent('referralsubmitted', { detail: { referralId: referral.id, partnerId: referral.partnerId } }));
    };

    onStageChange = (event) => {
        this.dispatchEvent(new CustomEvent('stagechange', { detail: { referralId: event.detail.referral.id, from: event.detail.from, to: event.detail.to } }));
    };

    onError = (event) => {
        const error = event.detail;
        this.dispatchEvent(new ShowToastEvent({ title: 'Cosell', message: error.message, variant: 'error' }));
        this.dispatchEvent(new CustomEvent('cosellerror', { detail: { kind: error.kind, message: error.message } }));
    };
}
