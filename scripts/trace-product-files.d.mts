export declare const PRODUCT_FOLDERS: string[];
export declare const ENTRY_POINTS: string[];
export declare function reachableFiles(root: string, entries?: string[]): Set<string>;
export declare function unreachableProductFiles(root: string, entries?: string[]): string[];
