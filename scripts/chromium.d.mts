import type { Browser } from 'puppeteer';
export declare const CHROMIUM_ARGS: string[];
export declare const NO_BROWSER: string;
export declare class BrowserNotFound extends Error {}
export declare function findBrowser(o?: { env?: Record<string, string | undefined>; candidates?: string[]; puppeteer?: boolean }): Promise<string>;
export declare function chromiumPath(): string | undefined;
export declare function launchBrowser(options?: { args?: string[] }): Promise<Browser>;
