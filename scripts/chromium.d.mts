import type { Browser } from 'puppeteer';
export declare const CHROMIUM_ARGS: string[];
export declare function chromiumPath(): string | undefined;
export declare function launchBrowser(options?: { args?: string[] }): Promise<Browser>;
