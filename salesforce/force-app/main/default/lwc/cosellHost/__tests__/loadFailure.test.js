import { createElement } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import CosellPartnerCard from 'c/cosellPartnerCard';
import { settle } from './support';

jest.mock('@salesforce/apex/CosellController.getCurrentUser', () => ({ default: jest.fn() }), { virtual: true });

describe('Cosell LWC wrapper when the static resource fails to load', () => {
    it('shows why instead of the widget', async () => {
        loadScript.mockRejectedValue(new Error('Resource not found'));
        const element = createElement('c-cosell-partner-card', { is: CosellPartnerCard });
        document.body.appendChild(element);
        await settle();
        expect(element.shadowRoot.querySelector('cosell-provider')).toBeNull();
        expect(element.shadowRoot.querySelector('[role="alert"]').textContent).toBe('Cosell could not load: Resource not found');
    });
});
