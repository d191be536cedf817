export function integrityOf(bytes: Uint8Array | string, algorithm?: string): string;
export function assertIntegrity(file: string, expected: string): void;
