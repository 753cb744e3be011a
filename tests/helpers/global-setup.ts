import type { TestProject } from 'vitest/node';
import { prepareTemplate, startTestPostgres } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/** One PostgreSQL server for the whole run; every test file clones its own database from a template. */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  await prepareTemplate(server.adminUrl);
  project.provide('postgresAdminUrl', server.adminUrl);
  return async () => {
    await server.stop();
  };
}
