export const projectRoot: string;
export const serverBundle: string;
export function newestMtime(path: string): number;
export function serverBundleIsStale(): boolean;
export function launch(args: string[]): Promise<number>;
