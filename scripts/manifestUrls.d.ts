export declare const DEV_URL: string;
export declare const DEV_ORIGIN: string;
export declare function normaliseAddinUrl(value: string): string;
export declare function rewriteManifestUrls(xml: string, addinUrl: string): string;
