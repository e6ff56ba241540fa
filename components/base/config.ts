/**
 * Settings read when an element is first created. Set them before the elements are defined
 * (before importing `cosell/define`), e.g. closed shadow roots under Salesforce Lightning Web Security:
 *   import { configureCosell } from 'cosell';  configureCosell({ shadowMode: 'closed' });
 */
export interface CosellConfig {
  shadowMode: ShadowRootMode;
}

const config: CosellConfig = { shadowMode: 'open' };

export function configureCosell(changes: Partial<CosellConfig>): void {
  Object.assign(config, changes);
}

export function cosellConfig(): Readonly<CosellConfig> {
  return config;
}
