import { createElement } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import getCurrentUser from '@salesforce/apex/CosellController.getCurrentUser';
import getPartner from '@salesforce/apex/CosellController.getPartner';
import createReferral from '@salesforce/apex/CosellController.createReferral';
import CosellPartnerCard from 'c/cosellPartnerCard';
import CosellReferralForm from 'c/cosellReferralForm';
import CosellMyReferrals from 'c/cosellMyReferrals';
import CosellPipelineBoard from 'c/cosellPipelineBoard';
import CosellRevshareSummary from 'c/cosellRevshareSummary';
import { DANA, NORTHWIND, runBundle, settle } from './support';

// Every Apex method the host adapter calls (jest.mock is hoisted, so one literal call each).
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

const WRAPPERS = [
    ['c-cosell-partner-card', CosellPartnerCard, 'cosell-partner-card', { partnerId: NORTHWIND.id }],
    ['c-cosell-referral-form', CosellReferralForm, 'cosell-referral-form', { partnerId: NORTHWIND.id, prospectCompany: 'Acme Logistics', recordId: '001000000000001AAA' }],
    ['c-cosell-my-referrals', CosellMyReferrals, 'cosell-my-referrals', {}],
    ['c-cosell-pipeline-board', CosellPipelineBoard, 'cosell-pipeline-board', { partnerId: NORTHWIND.id }],
    ['c-cosell-revshare-summary', CosellRevshareSummary, 'cosell-revshare-summary', { partnerId: NORTHWIND.id, from: '2026-01', to: '2026-06' }],
];

async function mount(name, Ctor, props = {}) {
    const element = createElement(name, { is: Ctor });
    Object.assign(element, props);
    document.body.appendChild(element);
    await settle();
    return element;
}

beforeEach(() => {
    loadScript.mockImplementation(runBundle);
    getCurrentUser.mockResolvedValue(JSON.stringify(DANA));
    getPartner.mockResolvedValue(JSON.stringify(NORTHWIND));
});

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
});

describe('Cosell LWC wrappers', () => {
    it('loads the bundle from the static resource once, and sets closed shadow roots', async () => {
        await mount('c-cosell-partner-card', CosellPartnerCard, { partnerId: NORTHWIND.id });
        await mount('c-cosell-pipeline-board', CosellPipelineBoard, { partnerId: NORTHWIND.id });
        expect(loadScript).toHaveBeenCalledTimes(1);
        expect(loadScript.mock.calls[0][1]).toMatch(/cosell/);
        expect(typeof window.Cosell.HostAdapter).toBe('function');
    });

    it.each(WRAPPERS)('%s hosts its widget in a provider with a closed shadow root and the Apex adapter', async (name, Ctor, tag, props) => {
        const wrapper = await mount(name, Ctor, props);
        const provider = wrapper.shadowRoot.querySelector('cosell-provider');
        expect(provider).not.toBeNull();
        expect(provider.adapter).toBeInstanceOf(window.Cosell.HostAdapter);
        expect(provider.shadowRoot).toBeNull(); // closed under Lightning Web Security
        expect(provider.theme).toBe('light');
        const user = await provider.ready;
        expect(user).toEqual(DANA);
        expect(getCurrentUser).toHaveBeenCalled();
        const widget = provider.querySelector(tag);
        expect(widget).not.toBeNull();
        if (customElements.get(tag)) expect(widget.shadowRoot).toBeNull();
        for (const [property, value] of Object.entries(props)) {
            if (property === 'recordId') continue;
            const attribute = property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
            // Set as a property when the element has one (lwc:external), else as the attribute.
            expect(property in widget ? widget[property] : widget.getAttribute(attribute)).toBe(value);
        }
    });

    it('passes theme and density to the provider', async () => {
        const wrapper = await mount('c-cosell-partner-card', CosellPartnerCard, { partnerId: NORTHWIND.id, theme: 'dark', density: 'compact' });
        const provider = wrapper.shadowRoot.querySelector('cosell-provider');
        expect(provider.theme).toBe('dark');
        expect(provider.density).toBe('compact');
    });

    it('the host adapter reads through Apex and parses what it returns', async () => {
        const wrapper = await mount('c-cosell-partner-card', CosellPartnerCard, { partnerId: NORTHWIND.id });
        const adapter = wrapper.shadowRoot.querySelector('cosell-provider').adapter;
        const partner = await adapter.getPartner(NORTHWIND.id);
        expect(getPartner).toHaveBeenCalledWith({ partnerId: NORTHWIND.id });
        expect(partner.name).toBe('Northwind CRM');
    });

    it('an Apex validation error reaches the widget as a CrmError with field errors', async () => {
        createReferral.mockRejectedValue({
            status: 400,
            body: { message: JSON.stringify({ kind: 'validation', message: 'Check the email', fieldErrors: { 'prospect.contactEmail': ['Not an email'] } }) },
        });
        const wrapper = await mount('c-cosell-referral-form', CosellReferralForm, { partnerId: NORTHWIND.id });
        const adapter = wrapper.shadowRoot.querySelector('cosell-provider').adapter;
        const input = {
            externalId: '5b0c1a9e-8d7e-4f3a-9c2b-1e2d3f4a5b6c',
            partnerId: NORTHWIND.id,
            prospect: { company: 'Acme', country: 'US', contactName: 'Jo Park', contactEmail: 'jo@acme.example' },
            useCase: 'Click to dial',
            estimatedArr: { amountMinor: 1000000, currency: 'USD' },
            consentToContact: true,
        };
        await expect(adapter.createReferral(input)).rejects.toMatchObject({ kind: 'validation', fieldErrors: { 'prospect.contactEmail': ['Not an email'] } });
        const [apexArguments] = createReferral.mock.calls[0];
        expect(JSON.parse(apexArguments.inputJson).prospect.company).toBe('Acme');
        expect(apexArguments.companyKey).toBe(window.Cosell.normalizeCompany('Acme'));
        expect(apexArguments.websiteKey).toBeNull();
    });

    it('turns cosell-* events into Lightning events and a toast', async () => {
        const wrapper = await mount('c-cosell-referral-form', CosellReferralForm, { partnerId: NORTHWIND.id });
        const submitted = jest.fn();
        const toast = jest.fn();
        wrapper.addEventListener('referralsubmitted', submitted);
        wrapper.addEventListener('lightning__showtoast', toast);
        const widget = wrapper.shadowRoot.querySelector('cosell-referral-form');
        const event = new CustomEvent('cosell-referral-submitted', {
            bubbles: true,
            composed: true,
            detail: { referral: { id: 'a0C1', partnerId: NORTHWIND.id, prospect: { company: 'Acme Logistics' } } },
        });
        widget.dispatchEvent(event);
        expect(submitted).toHaveBeenCalledTimes(1);
        expect(submitted.mock.calls[0][0].detail).toEqual({ referralId: 'a0C1', partnerId: NORTHWIND.id });
        expect(toast).toHaveBeenCalledTimes(1);
    });

    it('a failing Apex user call is reported as cosellerror with its kind', async () => {
        getCurrentUser.mockRejectedValue({ status: 403, body: { message: 'Insufficient access to Cosell' } });
        const errors = jest.fn();
        const element = createElement('c-cosell-partner-card', { is: CosellPartnerCard });
        element.addEventListener('cosellerror', errors);
        document.body.appendChild(element);
        await settle(10);
        expect(errors).toHaveBeenCalled();
        expect(errors.mock.calls[0][0].detail).toEqual({ kind: 'permission', message: 'Insufficient access to Cosell' });
    });
});
