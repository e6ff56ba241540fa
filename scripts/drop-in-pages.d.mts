import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';

export interface FetchedScript { file: string; bytes: number; gzip: number }
export type ApiHandler = (request: IncomingMessage, response: ServerResponse) => void;
export function dropInPage(markup: string, setup?: string): string;
export function smallSeed(): Promise<unknown>;
export function memoryAdapterSetup(seed: unknown): string;
export function restAdapterSetup(): string;
export function embeddedGateway(seed: unknown): Promise<{ api: ApiHandler; close(): Promise<void> }>;
export function chromiumPath(): string;
export function dropInPageFiles(pages: Record<string, string>): Record<string, { errors: string[]; files: FetchedScript[] }>;
export function visitDropInPages(
  pages: Record<string, string>,
  options?: { ready?: () => unknown; act?: (name: string, page: Page) => Promise<void>; api?: ApiHandler },
): Promise<Record<string, { errors: string[]; files: FetchedScript[] }>>;
