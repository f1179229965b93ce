export const typesFile: string;
export function apiTypesSource(document: unknown): Promise<string>;
