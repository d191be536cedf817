export function electronPackageDir(): string;
export function electronVersion(): string;
export function findElectronBinary(): { path: string } | { path: null; reason: string };
