export function electronNativeDir(platform?: string, arch?: string): string;
export function electronBuildArgs(version: string, arch?: string): string[];
