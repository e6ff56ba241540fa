import type { Page } from 'playwright-core';

export interface FetchedScript { file: string; bytes: number; gzip: number }
export function dropInPage(markup: string, setup?: string): string;
export function smallSeed(): Promise<unknown>;
export function memoryAdapterSetup(seed: unknown): string;
export function visitDropInPages(
  pages: Record<string, string>,
  options?: { ready?: () => unknown; act?: (name: string, page: Page) => Promise<void> },
): Promise<Record<string, { errors: string[]; files: FetchedScript[] }>>;
