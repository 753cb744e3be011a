export { MediaQueries, MediaService } from './media.service.ts';
export { deleteIfUnused, deleteMediaOfActors, insertPicture, requireOwnMedia } from './media.store.ts';
export {
  deletePictureFiles,
  MAX_PICTURE_SIDE,
  STORED_FILE_NAME,
  uploadsDir,
  type PictureUpload,
  type UploadedFile,
  type PreparedPicture
} from './pictures.ts';
export { sniffPictureType, storedContentType, type PictureType } from './sniff.ts';
export { RemoteMediaService, type FetchedPicture, type RemotePictureFetcher } from './remote-media.service.ts';
export { remotePictureChange } from './remote-pictures.ts';
