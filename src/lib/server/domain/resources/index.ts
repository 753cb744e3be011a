export { ResourcesService, resourceApId } from './resources.service.ts';
export { RemoteResourcesService } from './remote-resources.service.ts';
export { ResourcesQueries } from './resources.queries.ts';
export { cleanMetadata, type LinkPreviewer } from './link-preview.ts';
export type { RemoteResourceData } from './remote-resources.ts';
export type { ResourceProvider } from './providers.ts';
export {
  PROVIDED_TYPES,
  RESOURCE_TYPES,
  type CreateResourceInput,
  type UpdateResourceInput,
  type LocalResourceType
} from './resources.inputs.ts';
export { deleteResourcesOfGroup } from './resources-of-group.ts';
