import { graphql } from './client.ts';

export interface InstanceConfig {
  name: string;
  description: string | null;
  registrationsOpen: boolean;
}

export const INSTANCE_CONFIG = graphql<{ config: InstanceConfig }>(`
  query InstanceConfig {
    config {
      name
      description
      registrationsOpen
    }
  }
`);
